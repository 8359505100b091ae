package dev.engram.memory.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClausesTest {
  @Test
  void should_split_into_two_facts_when_each_clause_has_its_own_first_person_subject() {
    assertThat(Clauses.firstPerson("I live in Paris and I love hiking."))
        .containsExactly("I live in Paris.", "I love hiking.");
    assertThat(Clauses.firstPerson("I work at Acme; my sister lives in Rome!"))
        .containsExactly("I work at Acme!", "my sister lives in Rome!");
  }

  @Test
  void should_keep_the_sentence_whole_when_the_second_clause_has_no_subject_of_its_own() {
    assertThat(Clauses.firstPerson("I went hiking and loved it."))
        .containsExactly("I went hiking and loved it.");
    assertThat(Clauses.firstPerson("I went to a support group and it was powerful."))
        .containsExactly("I went to a support group and it was powerful.");
  }

  @Test
  void should_split_a_third_person_memory_when_the_name_starts_each_clause() {
    assertThat(Clauses.about("ann lives in Paris and ann loves hiking.", "ann"))
        .containsExactly("ann lives in Paris.", "ann loves hiking.");
  }

  @Test
  void should_find_a_slot_value_only_when_all_its_words_are_in_the_clause() {
    assertThat(Clauses.mentions("Ann lives in Paris.", "paris")).isTrue();
    assertThat(Clauses.mentions("Ann loves hiking.", "paris")).isFalse();
  }

  @Test
  void should_split_at_a_comma_only_when_the_part_before_has_a_subject_of_its_own() {
    assertThat(Clauses.firstPerson("I'm 35 now, my birthday was yesterday."))
        .containsExactly("I'm 35 now.", "my birthday was yesterday.");
    assertThat(Clauses.firstPerson("Honestly, I don't like sushi."))
        .containsExactly("Honestly, I don't like sushi.");
  }

  @Test
  void should_keep_a_subject_of_two_people_together_when_joined_by_and() {
    assertThat(Clauses.firstPerson("My husband and I are moving to Spain."))
        .containsExactly("My husband and I are moving to Spain.");
  }
}
