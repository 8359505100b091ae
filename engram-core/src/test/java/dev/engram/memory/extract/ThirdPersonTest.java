package dev.engram.memory.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThirdPersonTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I love hiking | Caroline loves hiking",
      "I'm a teacher | Caroline is a teacher",
      "I have two kids | Caroline has two kids",
      "I went to a support group yesterday | Caroline went to a support group yesterday",
      "My sister lives in Rome | Caroline's sister lives in Rome",
      "I don't like sushi | Caroline doesn't like sushi",
      "I've been painting for years | Caroline has been painting for years",
      "I study psychology | Caroline studies psychology",
      "I watch movies with my dad | Caroline watches movies with Caroline's dad",
      "I just love painting | Caroline just loves painting",
      "When I look after myself I feel better | When Caroline looks after themselves Caroline feels better"})
  void should_name_the_speaker_when_the_sentence_is_in_the_first_person(String said, String expected) {
    assertThat(ThirdPerson.rewrite(said, "Caroline")).isEqualTo(expected);
  }
}
