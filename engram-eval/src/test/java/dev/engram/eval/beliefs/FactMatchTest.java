package dev.engram.eval.beliefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FactMatchTest {
  private static BeliefsScript.Fact fact(boolean negated, String... keys) {
    return new BeliefsScript.Fact("f", "health", "plain", List.of(keys), negated, Optional.empty());
  }

  @Test
  void should_state_a_fact_when_every_key_is_a_word_or_its_plural_or_third_person() {
    assertThat(FactMatch.states("The user plays cello in a community orchestra.", fact(false, "play", "cello"))).isTrue();
    assertThat(FactMatch.states("The user's sister lives in Oslo.", fact(false, "sister", "oslo"))).isTrue();
    assertThat(FactMatch.states("The user studies law.", fact(false, "study"))).isTrue();
    assertThat(FactMatch.states("The user visited village34.", fact(false, "village3"))).isFalse();
  }

  @Test
  void should_not_state_an_affirmed_fact_when_a_negation_comes_just_before_its_key() {
    assertThat(FactMatch.states("The user doesn't smoke anymore.", fact(false, "smoke"))).isFalse();
    assertThat(FactMatch.states("The user's room number is 241, not 214.", fact(false, "room", "241"))).isTrue();
    assertThat(FactMatch.states("The user's room number is 241, not 214.", fact(false, "room", "214"))).isFalse();
  }

  @Test
  void should_state_a_negated_fact_only_when_the_text_has_a_negation() {
    assertThat(FactMatch.states("The user doesn't smoke anymore.", fact(true, "smoke"))).isTrue();
    assertThat(FactMatch.states("The user smokes.", fact(true, "smoke"))).isFalse();
  }
}
