package dev.engram.memory.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeTextTest {
  // Monday 15 September 2025, 10:00 UTC
  private static final Instant SAID = Instant.parse("2025-09-15T10:00:00Z");
  private final TimeText times = new TimeText(new RelativeDates(ZoneOffset.UTC));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Maya moved to Berlin last month. | Maya moved to Berlin in August 2025.",
      "Maya went hiking yesterday. | Maya went hiking on 14 September 2025.",
      "Yesterday Maya went hiking. | On 14 September 2025 Maya went hiking.",
      "Maya saw a concert last night. | Maya saw a concert on the night of 14 September 2025.",
      "Maya started two days ago. | Maya started on 13 September 2025.",
      "Maya quit a few years ago. | Maya quit around 2022.",
      "Maya ran a race last week. | Maya ran a race in the week of 8 September 2025.",
      "Maya is flying to Rome in 3 days. | Maya is flying to Rome on 18 September 2025.",
      "Maya will see her on Friday. | Maya will see her on 19 September 2025.",
      "Maya is going camping next weekend. | Maya is going camping on the weekend of 20 September 2025.",
      "Maya has lived in Berlin since last month. | Maya has lived in Berlin since August 2025.",
      "Maya is going to the gym tonight. | Maya is going to the gym on the night of 15 September 2025.",
      "Maya graduated last year. | Maya graduated in 2024.",
      "Maya married on 3 March 2021. | Maya married on 3 March 2021.",
      "Maya loves hiking. | Maya loves hiking."})
  void should_write_the_resolved_time_into_the_text_when_it_has_relative_time_words(String text, String resolved) {
    assertThat(times.resolve(text, SAID)).isEqualTo(resolved);
  }
}
