package dev.engram.cli;

import dev.engram.common.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Dates and times given on the command line, read as UTC unless they carry an offset. */
final class Times {
  private Times() {}

  static Instant parse(String text, String option) {
    String t = text.strip();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(t).toInstant();
      }
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("ENGRAM-307", "cannot read " + option + " '" + text
          + "': use a date such as 2024-05-08, 2024-05-08T14:30 or 2024-05-08T14:30:00+02:00");
    }
  }
}
