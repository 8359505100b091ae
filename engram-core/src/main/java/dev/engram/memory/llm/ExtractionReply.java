package dev.engram.memory.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.extract.Candidate;
import dev.engram.memory.extract.RelativeDates;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns an extraction reply ({@code {"memories":[{"text","kind","importance","event_time",
 * "source_messages"}]}}) into candidates, strictly: any item with a missing field, an unknown
 * kind, an importance outside 0-1, a date that does not parse or a message index out of range
 * makes the whole reply invalid, because a model that gets one item wrong cannot be trusted with
 * the others.
 */
final class ExtractionReply {
  static final int MAX_TEXT = 500;
  private static final int MAX_YEARS_APART = 200;

  private final ZoneId zone;
  private final RelativeDates dates;

  ExtractionReply(ZoneId zone) {
    this.zone = zone;
    this.dates = new RelativeDates(zone);
  }

  /** The candidates of {@code reply}, whose indices point into {@code messages}. */
  List<Candidate> candidates(String reply, List<Episode> messages) {
    JsonNode memories = ReplyJson.object(reply).get("memories");
    if (memories == null || !memories.isArray()) {
      throw InvalidReply.of("it needs a 'memories' array: " + ReplyJson.excerpt(reply));
    }
    List<Candidate> out = new ArrayList<>(memories.size());
    for (int i = 0; i < memories.size(); i++) {
      out.add(candidate(memories.get(i), "memory " + i, messages));
    }
    return out;
  }

  private Candidate candidate(JsonNode item, String where, List<Episode> messages) {
    if (!item.isObject()) {
      throw InvalidReply.of(where + " is not an object");
    }
    String text = ReplyJson.text(item, "text", MAX_TEXT, where);
    MemoryKind kind = kind(ReplyJson.text(item, "kind", 20, where), where);
    double importance = importance(item.get("importance"), where);
    List<Episode> sources = sources(item.get("source_messages"), where, messages);
    Instant said = sources.stream().map(Episode::eventTime).max(Instant::compareTo).orElseThrow();
    Instant when = eventTime(item.get("event_time"), where, said)
        .or(() -> dates.resolve(text, said))
        .orElse(said);
    return new Candidate(kind, text, importance, when, said,
        sources.stream().map(Episode::id).toList(), Optional.empty());
  }

  private static MemoryKind kind(String label, String where) {
    return switch (label.toLowerCase(Locale.ROOT)) {
      case "fact" -> MemoryKind.FACT;
      case "preference" -> MemoryKind.PREFERENCE;
      case "event" -> MemoryKind.EVENT;
      case "feedback" -> MemoryKind.FEEDBACK;
      default -> throw InvalidReply.of(
          where + " has kind '" + label + "': expected fact, preference, event or feedback");
    };
  }

  private static double importance(JsonNode value, String where) {
    if (value == null || !value.isNumber()) {
      throw InvalidReply.of(where + " needs a number 'importance' from 0 to 1");
    }
    double d = value.asDouble();
    if (!(d >= 0 && d <= 1)) {
      throw InvalidReply.of(where + " has importance " + d + ", outside 0 to 1");
    }
    return d;
  }

  private static List<Episode> sources(JsonNode value, String where, List<Episode> messages) {
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw InvalidReply.of(where + " needs a non-empty 'source_messages' array of message indices");
    }
    TreeSet<Integer> indices = new TreeSet<>();
    for (JsonNode n : value) {
      if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() >= messages.size()) {
        throw InvalidReply.of(where + " cites message " + n + ", but the messages are numbered 0 to "
            + (messages.size() - 1));
      }
      indices.add(n.asInt());
    }
    return indices.stream().map(messages::get).toList();
  }

  /**
   * The event time the model gave: an ISO date (kept at the time of day the message was said, as
   * the rule extractor does), or an ISO date-time with offset; empty for null or absent.
   */
  private Optional<Instant> eventTime(JsonNode value, String where, Instant said) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw InvalidReply.of(where + " has an 'event_time' that is neither an ISO date nor null");
    }
    String raw = value.asText().strip();
    if (raw.isEmpty() || raw.equalsIgnoreCase("null")) {
      return Optional.empty();
    }
    Instant when;
    try {
      ZonedDateTime ref = said.atZone(zone);
      if (raw.length() == 10) {
        when = LocalDate.parse(raw).atTime(ref.toLocalTime()).atZone(zone).toInstant();
      } else if (raw.endsWith("Z") || raw.matches(".*[+-]\\d{2}:?\\d{2}$")) {
        when = OffsetDateTime.parse(raw).toInstant();
      } else {
        when = LocalDateTime.parse(raw).atZone(zone).toInstant();
      }
    } catch (DateTimeException e) {
      throw InvalidReply.of(where + " has event_time '" + raw + "', not an ISO date (YYYY-MM-DD)");
    }
    int apart = Math.abs(when.atZone(zone).getYear() - said.atZone(zone).getYear());
    if (apart > MAX_YEARS_APART) {
      throw InvalidReply.of(where + " has event_time " + raw + ", " + apart
          + " years from when it was said");
    }
    return Optional.of(when);
  }
}
