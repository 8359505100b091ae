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

  private static final Pattern DAY_BEFORE_YESTERDAY = p("\\b(?:on )?(?:the )?day before yesterday\\b");
  private static final Pattern DAY_AFTER_TOMORROW = p("\\b(?:on )?(?:the )?day after tomorrow\\b");
  private static final Pattern YESTERDAY = p("\\byesterday\\b");
  private static final Pattern LAST_NIGHT = p("\\blast night\\b");
  private static final Pattern TOMORROW = p("\\btomorrow\\b");
  private static final Pattern TODAY = p("\\b(today|tonight|this morning|this afternoon|this evening)\\b");

  /** Counts that are not exact: "a few days ago" is about three days ago. */
  private static final java.util.Set<String> APPROXIMATE =
      java.util.Set.of("a couple of", "a couple", "couple of", "a few", "few", "several");

  private final ZoneId zone;

  /** Resolves in {@code zone}, the zone days and weeks are counted in. */
  public RelativeDates(ZoneId zone) {
    this.zone = zone;
  }

  /** The date {@code sentence} refers to, if it names one, relative to {@code said}. */
  public Optional<Instant> resolve(String sentence, Instant said) {
    return mention(sentence, said).map(m -> m.when().toInstant());
  }

  /** How precisely a mention names its time: the unit its words count in. */
  enum Span {
    /** A date written out ("8 May 2023"): nothing to resolve in the text. */
    EXPLICIT,
    DAY,
    NIGHT,
    WEEK,
    WEEKEND,
    MONTH,
    YEAR
  }

  /**
   * Where a sentence names a time and what it resolves to.
   *
   * @param start first character of the words, in the sentence
   * @param end character after the words
   * @param when the time they name
   * @param span the unit they count in
   * @param approximate true for "a few" or "several" units, counted as 3
   */
  record Mention(int start, int end, ZonedDateTime when, Span span, boolean approximate) {}

  /** The words of {@code sentence} that name a time, resolved against {@code said}. */
  Optional<Mention> mention(String sentence, Instant said) {
    // Lower-cased a char at a time, so that offsets in it are offsets in the sentence.
    char[] chars = sentence.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = chars[i] == '\u2019' ? '\'' : Character.toLowerCase(chars[i]);
    }
    String s = new String(chars);
    ZonedDateTime ref = said.atZone(zone);
    return explicit(s, ref).or(() -> relative(s, ref));
  }

  private Optional<Mention> explicit(String s, ZonedDateTime ref) {
    Matcher m = ISO.matcher(s);
    if (m.find()) {
      return date(ref, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3))).map(d -> at(m, d, Span.EXPLICIT));
    }
    Matcher dmy = DAY_MONTH_YEAR.matcher(s);
    if (dmy.find()) {
      return date(ref, Integer.parseInt(dmy.group(3)), month(dmy.group(2)),
          Integer.parseInt(dmy.group(1))).map(d -> at(dmy, d, Span.EXPLICIT));
    }
    Matcher mdy = MONTH_DAY_YEAR.matcher(s);
    if (mdy.find()) {
      return date(ref, Integer.parseInt(mdy.group(3)), month(mdy.group(1)),
          Integer.parseInt(mdy.group(2))).map(d -> at(mdy, d, Span.EXPLICIT));
    }
    return Optional.empty();
  }

  private Optional<Mention> relative(String s, ZonedDateTime ref) {
    Matcher m = DAY_BEFORE_YESTERDAY.matcher(s);
    if (m.find()) {
      return Optional.of(at(m, ref.minusDays(2), Span.DAY));
    }
    m = DAY_AFTER_TOMORROW.matcher(s);
    if (m.find()) {
      return Optional.of(at(m, ref.plusDays(2), Span.DAY));
    }
    m = YESTERDAY.matcher(s);
    if (m.find()) {
      return Optional.of(at(m, ref.minusDays(1), Span.DAY));
    }
    m = LAST_NIGHT.matcher(s);
    if (m.find()) {
      return Optional.of(at(m, ref.minusDays(1), Span.NIGHT));
    }
    m = TOMORROW.matcher(s);
    if (m.find()) {
      return Optional.of(at(m, ref.plusDays(1), Span.DAY));
    }
    m = AGO.matcher(s);
    if (m.find()) {
      return Optional.of(counted(m, shift(ref, -count(m.group(1)), m.group(2)), m.group(1), m.group(2)));
    }
    m = IN.matcher(s);
    if (m.find()) {
      return Optional.of(counted(m, shift(ref, count(m.group(1)), m.group(2)), m.group(1), m.group(2)));
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
      return Optional.of(at(m,
          ref.with(future ? TemporalAdjusters.next(day) : TemporalAdjusters.previous(day)), Span.DAY));
    }
    m = LAST_NEXT.matcher(s);
    if (m.find()) {
      String unit = m.group(2);
      ZonedDateTime when =
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
          };
      return Optional.of(at(m, when, span(unit)));
    }
    m = TODAY.matcher(s);
    if (m.find()) {
      return Optional.of(at(m, ref, m.group(1).equals("tonight") ? Span.NIGHT : Span.DAY));
    }
    return Optional.empty();
  }

  private static Mention at(Matcher m, ZonedDateTime when, Span span) {
    return new Mention(m.start(), m.end(), when, span, false);
  }

  /** "two weeks ago", "in a few days": the span is the unit, approximate for "a few". */
  private static Mention counted(Matcher m, ZonedDateTime when, String number, String unit) {
    return new Mention(m.start(), m.end(), when, span(unit),
        APPROXIMATE.contains(number.toLowerCase(Locale.ROOT)));
  }

  private static Span span(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "day" -> Span.DAY;
      case "week" -> Span.WEEK;
      case "weekend" -> Span.WEEKEND;
      case "month" -> Span.MONTH;
      default -> Span.YEAR;
    };
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
