package dev.engram.memory.model;

import dev.engram.common.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One recall result: a memory, or a window of up to three verbatim messages of the episode log
 * (kind {@link MemoryKind#EPISODE}), with its time, validity, provenance and score components.
 *
 * @param id the memory id, or the id of the message the window is centred on
 * @param kind what it is
 * @param text the memory's text, or the window's messages one per line ("Caroline: ..."); a
 *     memory taken from one message is followed by the window around that message
 * @param eventTime when it happened
 * @param validFrom start of validity (for messages: when said)
 * @param validTo end of validity; empty while live
 * @param provenance message ids of the messages it shows (the window), else the memory's
 *     provenance
 * @param scores the score components
 */
public record RecalledMemory(
    String id,
    MemoryKind kind,
    String text,
    Instant eventTime,
    Instant validFrom,
    Optional<Instant> validTo,
    List<String> provenance,
    Scores scores) {
  public RecalledMemory {
    Checks.notBlank(id, "id");
    Checks.notNull(kind, "kind");
    Checks.notNull(text, "text");
    Checks.notNull(eventTime, "eventTime");
    Checks.notNull(validFrom, "validFrom");
    Checks.notNull(validTo, "validTo");
    provenance = List.copyOf(provenance);
    Checks.notNull(scores, "scores");
  }
}
