package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private final Redaction locker = new Redaction(List.of("Maya's locker number is 8841."), Set.of("Maya"));

  @Test
  void should_take_out_only_the_clause_that_says_it_when_a_sentence_holds_two_facts() {
    assertThat(locker.apply("My locker number is 8841 and I love kayaking.", true))
        .hasValue("I love kayaking.");
    assertThat(locker.apply("I play cello. My locker number is 8841. My sister lives in Oslo.", true))
        .hasValue("I play cello. My sister lives in Oslo.");
  }

  @Test
  void should_empty_the_message_when_it_holds_nothing_else() {
    assertThat(locker.apply("Remember that my locker number is 8841!", true)).isEmpty();
    assertThat(locker.apply("Maya: My locker number is 8841.", false)).isEmpty();
  }

  @Test
  void should_leave_other_facts_alone_when_they_only_share_words() {
    Redaction paris = new Redaction(List.of("Ann lives in Paris."), Set.of("Ann"));
    assertThat(paris.touches("My sister lives in Paris too.", false)).isFalse();
    assertThat(locker.touches("My locker number is 8842.", false)).isFalse();
    assertThat(locker.touches("I love my gym.", false)).isFalse();
    assertThat(paris.touches("I live in Paris.", false)).isTrue();
  }

  @Test
  void should_not_touch_a_compound_message_that_says_nothing_of_the_memory() {
    Redaction berlin = new Redaction(List.of("Ann lives in Berlin-Mitte.", "Ann moved to Berlin."),
        Set.of("Ann"));
    // its clauses re-joined would read "I live in Paris. I love hiking.": no reason to rewrite it
    assertThat(berlin.touches("I live in Paris and I love hiking.", false)).isFalse();
    assertThat(berlin.touches("I moved to Berlin and I love hiking.", false)).isTrue();
  }

  @Test
  void should_take_the_best_clause_or_the_whole_message_when_the_memory_came_from_it() {
    Redaction moved = new Redaction(List.of("Ann relocated to the capital."), Set.of("Ann"));
    assertThat(moved.apply("I moved to the capital last week. The weather is nice.", true))
        .hasValue("The weather is nice.");
    Redaction unrelated = new Redaction(List.of("Ann enjoys opera."), Set.of("Ann"));
    assertThat(unrelated.apply("We went out yesterday.", true)).as("cannot tell: all goes").isEmpty();
    assertThat(unrelated.apply("We went out yesterday.", false)).hasValue("We went out yesterday.");
  }

  @Test
  void should_give_the_clauses_as_said_when_the_memory_says_the_time_otherwise() {
    Redaction berlin = new Redaction(List.of("Maya moved to Berlin in August 2025."), Set.of("Maya"));
    assertThat(berlin.saying("I moved to Berlin last month. The flat is small."))
        .containsExactly("I moved to Berlin last month.");
    assertThat(berlin.touches("You moved to Berlin last month.", false)).isFalse();
    Redaction asSaid = new Redaction(List.of("Maya moved to Berlin in August 2025.",
        "I moved to Berlin last month."), Set.of("Maya"));
    assertThat(asSaid.touches("You moved to Berlin last month.", false)).isTrue();
    assertThat(asSaid.touches("My sister moved to Paris.", false)).isFalse();
  }

  @Test
  void should_give_no_clause_when_no_clause_of_the_message_shares_a_word() {
    Redaction opera = new Redaction(List.of("Ann enjoys opera."), Set.of("Ann"));
    assertThat(opera.saying("Yes!")).isEmpty();
  }
}
