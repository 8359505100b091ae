package dev.engram.memory.model;

import dev.engram.common.Scope;
import dev.engram.common.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One remembered statement with its bi-temporal validity: when it happened ({@code eventTime}),
 * when Engram learned it ({@code ingestTime}) and when it was true ({@code validFrom} until
 * {@code validTo}; open while live). A superseded memory is closed, never deleted.
 *
 * @param id stable id
 * @param scope owner of the memory (tenant, user, agent) and the session it came from
 * @param kind what it says
 * @param text the statement, in the third person where possible ("Caroline likes hiking")
 * @param importance 0 (trivial) to 1 (vital)
 * @param eventTime when the fact or event happened, resolved from the conversation
 * @param ingestTime when it was stored
 * @param validFrom start of validity (the time it was said)
 * @param validTo end of validity; empty while the memory is live
 * @param provenance ids of the messages it came from
 * @param slot the attribute it sets, when known (for example caroline's residence, paris); two
 *     live memories with the same {@link Slot#key()} and different values contradict each other
 * @param version 1 on creation, +1 on every update or edit
 */
public record Memory(
    String id,
    Scope scope,
    MemoryKind kind,
    String text,
    double importance,
    Instant eventTime,
    Instant ingestTime,
    Instant validFrom,
    Optional<Instant> validTo,
    List<String> provenance,
    Optional<Slot> slot,
    int version) {

  public Memory {
    Checks.notBlank(id, "id");
    Checks.notNull(scope, "scope");
    Checks.notNull(kind, "kind");
    Checks.notBlank(text, "text");
    Checks.between(importance, 0, 1, "importance");
    Checks.notNull(eventTime, "eventTime");
    Checks.notNull(ingestTime, "ingestTime");
    Checks.notNull(validFrom, "validFrom");
    Checks.notNull(validTo, "validTo");
    provenance = List.copyOf(provenance);
    Checks.notNull(slot, "slot");
    Checks.atLeast(version, 1, "version");
  }

  /** True while the memory has not been superseded. */
  public boolean live() {
    return validTo.isEmpty();
  }

  /** True when the memory was valid at {@code time}. */
  public boolean validAt(Instant time) {
    return !validFrom.isAfter(time) && validTo.map(time::isBefore).orElse(true);
  }

  /** This memory closed at {@code end}. */
  public Memory closedAt(Instant end) {
    return new Memory(
        id, scope, kind, text, importance, eventTime, ingestTime, validFrom, Optional.of(end),
        provenance, slot, version);
  }

  /** This memory with new text, importance and provenance, one version later. */
  public Memory revised(String newText, double newImportance, List<String> newProvenance) {
    return new Memory(
        id, scope, kind, newText, newImportance, eventTime, ingestTime, validFrom, validTo,
        newProvenance, slot, version + 1);
  }
}
