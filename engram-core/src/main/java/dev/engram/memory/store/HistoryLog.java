package dev.engram.memory.store;

import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.HistoryEntry;
import dev.engram.common.Scope;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The append-only history of memories: one record per decision, never updated. Only forgetting a
 * memory or erasing a user removes entries, because they hold the user's words.
 */
public final class HistoryLog {
  private static final int MAX_ENTRIES = 10_000;
  private final Collection history;
  /** Orders entries written in the same millisecond. */
  private final AtomicLong counter = new AtomicLong();

  public HistoryLog(Index index) {
    this.history = index.collection(Fields.HISTORY);
  }

  /** Adds a new entry about memory {@code memoryId} of {@code scope} to a write batch. */
  public HistoryEntry append(WriteBatch.Builder write, Scope scope, String memoryId, Action action,
      Instant time,
      String reason, Optional<String> text, Optional<String> relatedId, List<String> provenance) {
    HistoryEntry e = new HistoryEntry("h-" + UUID.randomUUID(), memoryId, action, time, reason,
        text, relatedId, provenance);
    Map<String, List<String>> k = new HashMap<>(Fields.scopeKeywords(scope));
    k.put(Fields.MEMORY_ID, List.of(memoryId));
    k.put(Fields.ACTION, List.of(action.label()));
    k.put(Fields.REASON, List.of(reason));
    k.put(Fields.HAS_TEXT, List.of(Boolean.toString(text.isPresent())));
    relatedId.ifPresent(r -> k.put(Fields.RELATED, List.of(r)));
    if (!provenance.isEmpty()) {
      k.put(Fields.PROVENANCE, provenance);
    }
    write.upsert(Fields.HISTORY, new IndexRecord(e.id(), text.orElse(""), new float[0], k,
        Map.of(Fields.INGEST_TIME, time.toEpochMilli(), Fields.SEQUENCE, counter.getAndIncrement())));
    return e;
  }

  /** The entries about {@code memoryId} in {@code scope}, oldest first. */
  public List<HistoryEntry> of(Scope scope, String memoryId) {
    Filter f = Fields.owner(scope).and(Fields.MEMORY_ID, memoryId);
    return history.list(f, MAX_ENTRIES).stream()
        .sorted(Comparator.comparingLong((IndexRecord r) -> r.longValue(Fields.INGEST_TIME).orElse(0L))
            .thenComparingLong(r -> r.longValue(Fields.SEQUENCE).orElse(0L)))
        .map(HistoryLog::fromRecord)
        .toList();
  }

  /** The filter of the entries about any of {@code memoryIds} (non-empty) in {@code scope}, of every session. */
  public static Filter about(Scope scope, List<String> memoryIds) {
    return Fields.owner(scope).andAnyOf(Fields.MEMORY_ID, memoryIds);
  }

  /** Adds the deletion of the entries about {@code memoryId} to a write batch (forgetting it). */
  public static void deleteOf(WriteBatch.Builder write, Scope scope, String memoryId) {
    write.delete(Fields.HISTORY, Fields.owner(scope).and(Fields.MEMORY_ID, memoryId));
  }

  private static HistoryEntry fromRecord(IndexRecord r) {
    boolean hasText = r.keyword(Fields.HAS_TEXT).map(Boolean::parseBoolean).orElse(true);
    return new HistoryEntry(r.id(), r.keyword(Fields.MEMORY_ID).orElseThrow(),
        Action.valueOf(r.keyword(Fields.ACTION).orElseThrow().toUpperCase(java.util.Locale.ROOT)),
        Instant.ofEpochMilli(r.longValue(Fields.INGEST_TIME).orElse(0L)),
        r.keyword(Fields.REASON).orElse("-"), hasText ? Optional.of(r.text()) : Optional.empty(),
        r.keyword(Fields.RELATED), r.keywordValues(Fields.PROVENANCE));
  }
}
