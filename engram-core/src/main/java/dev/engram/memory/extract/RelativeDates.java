package dev.engram.memory.extract;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the date a sentence talks about ("yesterday", "two days ago", "last week", "next
 * month", "on Friday", "8 May 2023") against the time the sentence was said. The time of day of
 * the reference is kept, so "yesterday" said at 13:56 is 13:56 the day before.
 */
public final class RelativeDates {

  /** Number words; "a few" and "several" count as 3. Not measured; chosen by hand. */
  private static final Map<String, Integer> NUMBERS =
      Map.ofEntries(
          Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2),
          Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
          Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
          Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("a couple of", 2),
          Map.entry("a couple", 2), Map.entry("couple of", 2), Map.entry("a few", 3),
          Map.entry("few", 3), Map.entry("several", 3));

  private static final String NUM =
      "(\\d{1,3}|a couple of|a couple|couple of|a few|few|several|an|a|one|two|three|four|five"
          + "|six|seven|eight|nine|ten|eleven|twelve)";
  private static final String UNIT = "(day|week|month|year|weekend)s?";
  private static final String WEEKDAY =
      "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
  private static final String MONTH =
      "(january|february|march|april|may|june|july|august|september|october|november|december)";

  private static final Pattern AGO = p("\\b" + NUM + " " + UNIT + " ago\\b");
  private static final Pattern IN = p("\\bin " + NUM + " " + UNIT + "\\b");
  private static final Pattern LAST_NEXT = p("\\b(last|next|this|past|coming) " + UNIT + "\\b");
  private static final Pattern LAST_NEXT_DAY = p("\\b(last|next|this|on|coming) " + WEEKDAY + "\\b");
  private static final Pattern DAY_MONTH_YEAR =
      p("\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?" + MONTH + ",? (\\d{4})\\b");
  private static final Pattern MONTH_DAY_YEAR =
      p("\\b" + MONTH + " (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b");
  private static final Pattern ISO = p("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern FUTURE =
      p("\\b(going to|gonna|will|'ll|plan|planning|next|tomorrow|upcoming|coming|soon)\\b");

  private static final Pattern YESTERDAY = p("\\byesterday\\b");
  private static final Pattern TOMORROW = p("\\btomorrow\\b");
  private static final Pattern TODAY = p("\\b(today|tonight|this morning|this afternoon|this evening)\\b");

  private final ZoneId zone;

  /** Resolves in {@code zone}, the zone days and weeks are counted in. */
  public RelativeDates(ZoneId zone) {
    this.zone = zone;
  }

  /** The date {@code sentence} refers to, if it names one, relative to {@code said}. */
  public Optional<Instant> resolve(String sentence, Instant said) {
    String s = sentence.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    ZonedDateTime ref = said.atZone(zone);
    return explicit(s, ref).or(() -> relative(s, ref)).map(ZonedDateTime::toInstant);
  }

  private Optional<ZonedDateTime> explicit(String s, ZonedDateTime ref) {
    Matcher m = ISO.matcher(s);
    if (m.find()) {
      return date(ref, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
    }
    m = DAY_MONTH_YEAR.matcher(s);
    if (m.find()) {
      return date(ref, Integer.parseInt(m.group(3)), month(m.group(2)),
          Integer.parseInt(m.group(1)));
    }
    m = MONTH_DAY_YEAR.matcher(s);
    if (m.find()) {
      return date(ref, Integer.parseInt(m.group(3)), month(m.group(1)),
          Integer.parseInt(m.group(2)));
    }
    return Optional.empty();
  }

  private Optional<ZonedDateTime> relative(String s, ZonedDateTime ref) {
    if (s.contains("day before yesterday")) {
      return Optional.of(ref.minusDays(2));
    }
    if (s.contains("day after tomorrow")) {
      return Optional.of(ref.plusDays(2));
    }
    if (YESTERDAY.matcher(s).find() || s.contains("last night")) {
      return Optional.of(ref.minusDays(1));
    }
    if (TOMORROW.matcher(s).find()) {
      return Optional.of(ref.plusDays(1));
    }
    Matcher m = AGO.matcher(s);
    if (m.find()) {
      return Optional.of(shift(ref, -count(m.group(1)), m.group(2)));
    }
    m = IN.matcher(s);
    if (m.find()) {
      return Optional.of(shift(ref, count(m.group(1)), m.group(2)));
    }
    m = LAST_NEXT_DAY.matcher(s);
    if (m.find()) {
      DayOfWeek day = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
      boolean future =
          switch (m.group(1)) {
            case "next", "coming" -> true;
            case "last" -> false;
            default -> FUTURE.matcher(s).find();
          };
      return Optional.of(
          ref.with(future ? TemporalAdjusters.next(day) : TemporalAdjusters.previous(day)));
    }
    m = LAST_NEXT.matcher(s);
    if (m.find()) {
      String unit = m.group(2);
      return Optional.of(
          switch (m.group(1)) {
            case "last", "past" -> unit.equals("weekend")
                ? ref.with(TemporalAdjusters.previous(DayOfWeek.SATURDAY))
                : shift(ref, -1, unit);
            case "next" -> unit.equals("weekend")
                ? ref.with(TemporalAdjusters.next(DayOfWeek.SATURDAY))
                : shift(ref, 1, unit);
            default -> unit.equals("weekend")
                ? ref.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY))
                : ref; // "this week", "this month": the reference itself
          });
    }
    if (TODAY.matcher(s).find()) {
      return Optional.of(ref);
    }
    return Optional.empty();
  }

  private static ZonedDateTime shift(ZonedDateTime ref, long amount, String unit) {
    return switch (unit) {
      case "day" -> ref.plusDays(amount);
      case "week", "weekend" -> ref.plus(amount, ChronoUnit.WEEKS);
      case "month" -> ref.plusMonths(amount);
      default -> ref.plusYears(amount);
    };
  }

  private static int count(String n) {
    Integer word = NUMBERS.get(n);
    return word != null ? word : Integer.parseInt(n);
  }

  private static int month(String name) {
    return Month.valueOf(name.toUpperCase(Locale.ROOT)).getValue();
  }

  private static Optional<ZonedDateTime> date(ZonedDateTime ref, int year, int month, int day) {
    try {
      return Optional.of(LocalDate.of(year, month, day).atTime(ref.toLocalTime()).atZone(ref.getZone()));
    } catch (java.time.DateTimeException e) {
      return Optional.empty(); // "31 February 2023" names no date; the sentence keeps its own time
    }
  }

  private static Pattern p(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }
}
