package dev.engram.memory.extract;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes the time a memory's relative words name into its text: "Maya moved to Berlin last
 * month." said on 15 September 2025 becomes "Maya moved to Berlin in August 2025.", so that the
 * memory still reads right a year later. A day reads "on 14 September 2025", a week "in the week
 * of 8 September 2025" (its Monday), a month "in August 2025", a year "in 2024", "a few" units
 * "around ..."; after a preposition of its own ("since last month") only the date is written.
 * Dates written out are left as they are. The message it came from keeps the words as said.
 */
final class TimeText {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
  /** A preposition right before the words: "since last month" becomes "since August 2025". */
  private static final Pattern PREPOSITION_BEFORE = Pattern.compile(
      "(?i)\\b(?:since|until|till|by|from|before|after|for|of|in|on|at|during|through|around|about)\\s+$");

  private final RelativeDates dates;

  TimeText(RelativeDates dates) {
    this.dates = dates;
  }

  /** {@code text} with its relative time words replaced by the time they name, said at {@code said}. */
  String resolve(String text, Instant said) {
    return dates.mention(text, said)
        .filter(m -> m.span() != RelativeDates.Span.EXPLICIT)
        .map(m -> {
          String before = text.substring(0, m.start());
          boolean ownPreposition = PREPOSITION_BEFORE.matcher(before).find();
          String words = words(m, ownPreposition);
          if (m.start() == 0) {
            words = Character.toUpperCase(words.charAt(0)) + words.substring(1);
          }
          return before + words + text.substring(m.end());
        })
        .orElse(text);
  }

  private static String words(RelativeDates.Mention m, boolean ownPreposition) {
    ZonedDateTime t = m.when();
    String around = m.approximate() ? "around " : "";
    return switch (m.span()) {
      case DAY -> (ownPreposition || m.approximate() ? "" : "on ") + around + DAY.format(t);
      case NIGHT -> (ownPreposition ? "" : "on ") + "the night of " + DAY.format(t);
      case WEEK -> (ownPreposition || m.approximate() ? "" : "in ") + around + "the week of "
          + DAY.format(t.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
      case WEEKEND -> (ownPreposition || m.approximate() ? "" : "on ") + around + "the weekend of "
          + DAY.format(t.with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY)));
      case MONTH -> (ownPreposition || m.approximate() ? "" : "in ") + around + MONTH.format(t);
      case YEAR -> (ownPreposition || m.approximate() ? "" : "in ") + around + t.getYear();
      case EXPLICIT -> throw new IllegalArgumentException("an explicit date is not rewritten");
    };
  }
}
