package dev.engram.memory.extract;

import dev.engram.common.Checks;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Slot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A memory proposed by an {@link Extractor}, not yet consolidated.
 *
 * @param kind fact, preference, event or feedback
 * @param text the statement, third person where possible
 * @param importance 0 to 1
 * @param eventTime when it happened (relative dates already resolved)
 * @param saidAt when it was said (start of validity)
 * @param provenance ids of the messages it came from
 * @param slot the attribute it sets, when known (caroline's residence, paris), to spot
 *     contradictions
 */
public record Candidate(
    MemoryKind kind,
    String text,
    double importance,
    Instant eventTime,
    Instant saidAt,
    List<String> provenance,
    Optional<Slot> slot) {

  public Candidate {
    Checks.notNull(kind, "kind");
    Checks.notBlank(text, "text");
    Checks.between(importance, 0, 1, "importance");
    Checks.notNull(eventTime, "eventTime");
    Checks.notNull(saidAt, "saidAt");
    provenance = List.copyOf(provenance);
    Checks.notNull(slot, "slot");
  }
}
