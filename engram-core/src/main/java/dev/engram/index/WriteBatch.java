package dev.engram.index;

import dev.engram.common.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes that belong together, applied by {@link Index#write} as one unit: all of them become
 * durable and visible at once, or none do. A document's chunks, its record and its file's record
 * form one batch; so do a remembered turn's episodes, memories and history entries.
 *
 * <p>Operations apply in the order given: a delete removes what earlier operations and earlier
 * batches wrote, never what a later operation of the same batch upserts.
 */
public record WriteBatch(List<Op> ops) {

  public WriteBatch {
    ops = List.copyOf(Checks.notNull(ops, "ops"));
  }

  /** One write of a batch. */
  public sealed interface Op {
    /** The collection written. */
    String collection();
  }

  /** Adds or replaces records by id. */
  public record Upsert(String collection, List<IndexRecord> records) implements Op {
    public Upsert {
      Checks.notBlank(collection, "collection");
      records = List.copyOf(Checks.notNull(records, "records"));
    }
  }

  /** Deletes every record matching the filter. */
  public record Delete(String collection, Filter filter) implements Op {
    public Delete {
      Checks.notBlank(collection, "collection");
      Checks.notNull(filter, "filter");
    }
  }

  /** Deletes the records with these ids. */
  public record DeleteIds(String collection, List<String> ids) implements Op {
    public DeleteIds {
      Checks.notBlank(collection, "collection");
      ids = List.copyOf(Checks.notNull(ids, "ids"));
    }
  }

  /** A new, empty batch to add operations to. */
  public static Builder builder() {
    return new Builder();
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /** Collects the operations of a batch in order. Not thread-safe: one per write. */
  public static final class Builder {
    private final List<Op> ops = new ArrayList<>();

    private Builder() {}

    public Builder upsert(String collection, List<IndexRecord> records) {
      if (!records.isEmpty()) {
        ops.add(new Upsert(collection, records));
      }
      return this;
    }

    public Builder upsert(String collection, IndexRecord record) {
      return upsert(collection, List.of(record));
    }

    public Builder delete(String collection, Filter filter) {
      ops.add(new Delete(collection, filter));
      return this;
    }

    public Builder deleteIds(String collection, List<String> ids) {
      if (!ids.isEmpty()) {
        ops.add(new DeleteIds(collection, ids));
      }
      return this;
    }

    public boolean isEmpty() {
      return ops.isEmpty();
    }

    public WriteBatch build() {
      return new WriteBatch(ops);
    }
  }
}
