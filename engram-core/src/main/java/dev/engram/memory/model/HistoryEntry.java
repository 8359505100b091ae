package dev.engram.memory.model;

import dev.engram.common.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a memory's append-only history: what was decided, when and why.
 *
 * @param id the entry's id
 * @param memoryId the memory it is about
 * @param action what was decided
 * @param time when (ingest time of the decision)
 * @param reason why, in words
 * @param text the memory's text after the decision; empty after {@link Action#FORGET}
 * @param relatedId the other memory involved (the superseding one, or the one superseded)
 * @param provenance message ids that caused the decision
 */
public record HistoryEntry(
    String id,
    String memoryId,
    Action action,
    Instant time,
    String reason,
    Optional<String> text,
    Optional<String> relatedId,
    List<String> provenance) {

  public HistoryEntry {
    Checks.notBlank(id, "id");
    Checks.notBlank(memoryId, "memoryId");
    Checks.notNull(action, "action");
    Checks.notNull(time, "time");
    Checks.notBlank(reason, "reason");
    Checks.notNull(text, "text");
    Checks.notNull(relatedId, "relatedId");
    provenance = List.copyOf(provenance);
  }
}
