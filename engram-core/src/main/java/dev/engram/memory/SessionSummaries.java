package dev.engram.memory;

import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Memory;
import dev.engram.common.Scope;
import dev.engram.memory.extract.Candidate;
import dev.engram.memory.store.MemoryLog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rolling extractive session summaries: the last {@value #LINES} statements extracted from a
 * session, one per line, kept as one memory of kind {@link MemoryKind#SUMMARY} per session.
 */
final class SessionSummaries {
  static final int LINES = 12;

  private final MemoryLog memories;

  SessionSummaries(MemoryLog memories) {
    this.memories = memories;
  }

  /** The stable id of the summary of {@code session}: its tenant, owner and session. */
  static String idOf(Scope session) {
    // The knowledge bases a call reads are not part of whose session it is.
    String who = session.withKnowledgeBase(Scope.DEFAULT_KB).toString();
    return "sum-" + UUID.nameUUIDFromBytes(who.getBytes(StandardCharsets.UTF_8));
  }

  /** The summary of {@code session} if one exists. */
  Optional<Memory> of(Scope session) {
    return memories.get(session, idOf(session));
  }

  /** The summary updated with {@code candidates}, or empty when they add nothing. */
  Optional<Memory> rolled(Scope session, List<Candidate> candidates, Instant now) {
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Optional<Memory> old = of(session);
    LinkedHashSet<String> lines = new LinkedHashSet<>();
    old.ifPresent(m -> lines.addAll(Arrays.asList(m.text().split("\n"))));
    LinkedHashSet<String> provenance = new LinkedHashSet<>();
    old.ifPresent(m -> provenance.addAll(m.provenance()));
    for (Candidate c : candidates) {
      lines.add(c.text().replace('\n', ' '));
      provenance.addAll(c.provenance());
    }
    List<String> kept = new ArrayList<>(lines);
    kept = kept.subList(Math.max(0, kept.size() - LINES), kept.size());
    List<String> prov = new ArrayList<>(provenance);
    prov = prov.subList(Math.max(0, prov.size() - 4 * LINES), prov.size());
    Instant first = old.map(Memory::validFrom).orElse(candidates.getFirst().saidAt());
    Instant last = candidates.getLast().saidAt();
    return Optional.of(new Memory(idOf(session), session, MemoryKind.SUMMARY,
        String.join("\n", kept), 0.4, last, now, first, Optional.empty(), prov, Optional.empty(),
        old.map(m -> m.version() + 1).orElse(1)));
  }
}
