package dev.engram.memory.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativeDatesTest {
  // Monday 8 May 2023, 13:56 UTC
  private static final Instant SAID = Instant.parse("2023-05-08T13:56:00Z");
  private final RelativeDates dates = new RelativeDates(ZoneOffset.UTC);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I went to a support group yesterday | 2023-05-07",
      "We met the day before yesterday | 2023-05-06",
      "I'm flying out tomorrow | 2023-05-09",
      "I started two days ago | 2023-05-06",
      "I painted it 3 weeks ago | 2023-04-17",
      "I quit a few years ago | 2020-05-08",
      "Last week I ran a charity race | 2023-05-01",
      "I'm going to Paris next month | 2023-06-08",
      "I moved here last year | 2022-05-08",
      "I ran a race last Sunday | 2023-05-07",
      "I'm going camping next Friday | 2023-05-12",
      "I'll see her on Friday | 2023-05-12",
      "I saw her on Friday | 2023-05-05",
      "We are going camping this weekend | 2023-05-13",
      "The exam is in two weeks | 2023-05-22",
      "It happened on 3 March 2021 | 2021-03-03",
      "It happened on March 3rd, 2021 | 2021-03-03",
      "The date was 2022-12-24 | 2022-12-24",
      "I feel great today | 2023-05-08"})
  void should_resolve_against_the_time_said_when_a_sentence_names_a_date(String sentence, String day) {
    assertThat(dates.resolve(sentence, SAID))
        .hasValueSatisfying(t -> assertThat(t.atZone(ZoneOffset.UTC).toLocalDate()).hasToString(day));
  }

  @Test
  void should_keep_the_time_of_day_when_resolving_a_relative_day() {
    assertThat(dates.resolve("yesterday was fun", SAID)).contains(Instant.parse("2023-05-07T13:56:00Z"));
  }

  @Test
  void should_find_no_date_when_the_sentence_names_none() {
    assertThat(dates.resolve("I love hiking in the mountains", SAID)).isEmpty();
  }

  @Test
  void should_find_no_date_when_an_explicit_date_does_not_exist() {
    assertThat(dates.resolve("on 31 February 2023 nothing happened", SAID)).isEmpty();
  }
}
