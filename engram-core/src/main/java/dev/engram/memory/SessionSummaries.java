package dev.engram.memory;

import dev.engram.common.Scope;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.store.Fields;
import dev.engram.memory.store.MemoryLog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Extractive session summaries rebuilt from what is still believed: the texts of the last {@value
 * #LINES} live memories remembered in a session, one per line, oldest first, kept as one memory of
 * kind {@link MemoryKind#SUMMARY} per session. A superseded or forgotten memory leaves the summary
 * when it is closed or forgotten; an updated one shows its new text.
 */
final class SessionSummaries {
  static final int LINES = 12;
  /** Live memories of one session read to rebuild its summary; far more than a session holds. */
  private static final int MAX_READ = 10_000;

  private final MemoryLog memories;

  SessionSummaries(MemoryLog memories) {
    this.memories = memories;
  }

  /** A memory as a write stages it, with its vector. */
  record Line(Memory memory, float[] vector) {}

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

  /**
   * Stages the summary of {@code session} rebuilt from its live memories as they will be after
   * {@code write}: {@code changed} (new, updated or closed memories of the write) replace what is
   * stored, {@code dropped} (forgotten) are left out. With no live memory left, the summary is
   * deleted.
   */
  void stage(WriteBatch.Builder write, Scope session, List<Line> changed, Set<String> dropped,
      Instant now) {
    Map<String, Line> lines = new LinkedHashMap<>();
    for (IndexRecord r : memories.collection().list(MemoryLog.live(Fields.of(session)), MAX_READ)) {
      lines.put(r.id(), new Line(MemoryLog.fromRecord(r), r.vector()));
    }
    for (Line c : changed) {
      lines.put(c.memory().id(), c);
    }
    List<Line> kept = lines.values().stream()
        .filter(l -> l.memory().live() && l.memory().kind() != MemoryKind.SUMMARY)
        .filter(l -> !dropped.contains(l.memory().id()))
        .filter(l -> l.memory().scope().session().equals(session.session()))
        .sorted(Comparator.comparing((Line l) -> l.memory().eventTime())
            .thenComparing(l -> l.memory().ingestTime()).thenComparing(l -> l.memory().text()))
        .toList();
    kept = kept.subList(Math.max(0, kept.size() - LINES), kept.size());
    Optional<Memory> old = of(session);
    if (kept.isEmpty()) {
      old.ifPresent(m -> write.deleteIds(Fields.MEMORIES, List.of(m.id())));
      return;
    }
    LinkedHashSet<String> texts = new LinkedHashSet<>();
    LinkedHashSet<String> provenance = new LinkedHashSet<>();
    for (Line l : kept) {
      texts.add(l.memory().text().replace('\n', ' '));
      provenance.addAll(l.memory().provenance());
    }
    List<String> prov = new ArrayList<>(provenance);
    prov = prov.subList(Math.max(0, prov.size() - 4 * LINES), prov.size());
    Instant first = kept.getFirst().memory().validFrom();
    Instant last = kept.stream().map(l -> l.memory().eventTime()).max(Comparator.naturalOrder())
        .orElseThrow();
    Memory summary = new Memory(idOf(session), session, MemoryKind.SUMMARY,
        String.join("\n", texts), 0.4, last, now, first, Optional.empty(), prov, Optional.empty(),
        old.map(m -> m.version() + 1).orElse(1));
    MemoryLog.stage(write, summary, vector(kept));
  }

  /** The normalised sum of the lines' vectors: no extra embedding. */
  private static float[] vector(List<Line> lines) {
    float[] sum = null;
    for (Line l : lines) {
      if (l.vector() == null || l.vector().length == 0) {
        continue;
      }
      if (sum == null) {
        sum = new float[l.vector().length];
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += l.vector()[i];
      }
    }
    if (sum == null) {
      return new float[0];
    }
    double norm = 0;
    for (float f : sum) {
      norm += f * f;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= (float) Math.max(norm, 1e-9);
    }
    return sum;
  }
}
