package dev.engram.memory.store;

import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.common.Scope;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Memories on the index: one record per memory (live or closed), with validity as long fields so
 * that "live" and "valid at T" are range filters.
 */
public final class MemoryLog {
  private final Collection memories;

  public MemoryLog(Index index) {
    this.memories = index.collection(Fields.MEMORIES);
  }

  /** The collection, for searches. */
  public Collection collection() {
    return memories;
  }

  /** {@code base} narrowed to live memories. */
  public static Filter live(Filter base) {
    return base.andRange(Fields.VALID_TO, Fields.OPEN, Fields.OPEN);
  }

  /** {@code base} narrowed to memories valid at {@code time}. */
  public static Filter validAt(Filter base, Instant time) {
    long t = time.toEpochMilli();
    return base.andRange(Fields.VALID_FROM, Long.MIN_VALUE, t)
        .andRange(Fields.VALID_TO, t + 1, Fields.OPEN);
  }

  /** Adds a memory with its vector to a write batch. */
  public static void stage(WriteBatch.Builder write, Memory m, float[] vector) {
    write.upsert(Fields.MEMORIES, toRecord(m, vector));
  }

  /** The memory with this id, if it is in {@code scope}. */
  public Optional<Memory> get(Scope scope, String id) {
    return record(scope, id).map(MemoryLog::fromRecord);
  }

  /** The stored record of a memory in {@code scope}, vector included. */
  public Optional<IndexRecord> record(Scope scope, String id) {
    return memories.get(id).filter(r -> Fields.inScope(r, scope));
  }

  /** Memories of {@code scope} matching {@code extra}, at most {@code limit}. */
  public List<Memory> list(Filter filter, int limit) {
    return memories.list(filter, limit).stream().map(MemoryLog::fromRecord).toList();
  }

  static IndexRecord toRecord(Memory m, float[] vector) {
    Map<String, List<String>> k = new HashMap<>(Fields.scopeKeywords(m.scope()));
    k.put(Fields.KIND, List.of(m.kind().label()));
    m.slot().ifPresent(s -> k.put(Fields.SLOT, List.of(s.encoded())));
    if (!m.provenance().isEmpty()) {
      k.put(Fields.PROVENANCE, m.provenance());
    }
    Map<String, Long> l = new HashMap<>();
    l.put(Fields.EVENT_TIME, m.eventTime().toEpochMilli());
    l.put(Fields.INGEST_TIME, m.ingestTime().toEpochMilli());
    l.put(Fields.VALID_FROM, m.validFrom().toEpochMilli());
    l.put(Fields.VALID_TO, m.validTo().map(Instant::toEpochMilli).orElse(Fields.OPEN));
    l.put(Fields.IMPORTANCE, Math.round(m.importance() * 1000));
    l.put(Fields.VERSION, (long) m.version());
    return new IndexRecord(m.id(), m.text(), vector, k, l);
  }

  /** The memory stored in {@code r}. */
  public static Memory fromRecord(IndexRecord r) {
    long validTo = r.longValue(Fields.VALID_TO).orElse(Fields.OPEN);
    return new Memory(r.id(), Fields.scopeOf(r),
        MemoryKind.fromLabel(r.keyword(Fields.KIND).orElse("fact")), r.text(),
        r.longValue(Fields.IMPORTANCE).orElse(500L) / 1000.0,
        Instant.ofEpochMilli(r.longValue(Fields.EVENT_TIME).orElse(0L)),
        Instant.ofEpochMilli(r.longValue(Fields.INGEST_TIME).orElse(0L)),
        Instant.ofEpochMilli(r.longValue(Fields.VALID_FROM).orElse(0L)),
        validTo == Fields.OPEN ? Optional.empty() : Optional.of(Instant.ofEpochMilli(validTo)),
        r.keywordValues(Fields.PROVENANCE), r.keyword(Fields.SLOT).map(dev.engram.memory.model.Slot::parse),
        r.longValue(Fields.VERSION).orElse(1L).intValue());
  }
}
