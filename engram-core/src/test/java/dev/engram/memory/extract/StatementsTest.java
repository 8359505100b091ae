package dev.engram.memory.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementsTest {

  @Test
  void should_find_the_statement_when_a_short_lead_comes_before_the_subject() {
    assertThat(Statements.of("Honestly I don't like sushi anymore.")).get()
        .satisfies(s -> assertThat(s.core()).isEqualTo("I don't like sushi anymore."));
    assertThat(Statements.of("Change of plan, we're flying out on 14 April.")).get()
        .satisfies(s -> assertThat(s.core()).startsWith("we're flying"));
  }

  @Test
  void should_keep_a_lead_that_says_when_in_the_text() {
    assertThat(Statements.of("Last summer I visited Kyoto.")).get()
        .satisfies(s -> assertThat(s.text()).isEqualTo("Last summer I visited Kyoto."));
  }

  @Test
  void should_find_no_statement_when_the_subject_is_far_into_the_clause_or_not_first_person() {
    assertThat(Statements.of("Thanks so much for helping my son.")).isEmpty();
    assertThat(Statements.of("The venue is a barn near Bath.")).isEmpty();
    assertThat(Statements.of("Wish me luck!")).isEmpty();
  }

  @Test
  void should_find_no_statement_when_the_clause_is_a_question_even_without_a_question_mark() {
    assertThat(Statements.of("do you remember what I said")).isEmpty();
    assertThat(Statements.of("Should I take the train")).isEmpty();
  }

  @Test
  void should_find_no_statement_when_every_word_only_carries_the_conversation() {
    assertThat(Statements.of("I'll give it a shot.")).isEmpty();
    assertThat(Statements.of("I got it, thanks.")).isEmpty();
    assertThat(Statements.of("I'm excited about my trip to Japan.")).isPresent();
  }
}
