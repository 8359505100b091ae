package dev.engram.memory.consolidate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DifferenceTest {

  @Test
  void should_find_the_differing_word_when_two_places_differ_in_a_digit() {
    Difference d = Difference.between("I visited village4.", "I visited village3.");
    assertThat(d.added()).containsExactly("village4");
    assertThat(d.dropped()).containsExactly("village3");
    assertThat(d.nothingNew()).isFalse();
  }

  @Test
  void should_see_a_negation_when_only_one_text_is_negated() {
    assertThat(Difference.between("Ann doesn't smoke", "Ann smokes").negationDiffers()).isTrue();
    assertThat(Difference.between("Ann is not vegan anymore", "Ann is a vegan").negationDiffers()).isTrue();
    assertThat(Difference.between("Ann never smokes", "Ann doesn't smoke").negationDiffers()).isFalse();
  }

  @Test
  void should_find_nothing_new_when_a_restatement_adds_only_function_and_restating_words() {
    assertThat(Difference.between("Actually, as I said, the user has asthma.", "The user has asthma")
        .nothingNew()).isTrue();
    assertThat(Difference.between("Ann plays cello", "Ann play cellos").nothingNew()).isTrue();
  }

  @Test
  void should_say_more_when_every_known_word_is_kept_and_one_added() {
    Difference d = Difference.between("Ann has a dog named Max", "Ann has a dog");
    assertThat(d.saysMore()).isTrue();
    assertThat(d.describe()).isEqualTo("adds named max");
  }
}
