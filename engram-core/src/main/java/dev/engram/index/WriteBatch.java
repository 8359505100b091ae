package dev.engram.index;

import dev.engram.common.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes that belong together, applied by {@link Index#write} as one unit: all of them become
 * durable and visible at once, or none do. A document's chunks, its record and its file's record
 * form one batch; so do a remembered turn's episodes, memories and history entries.
 *
 * <p>Operations apply in the order given: a delete removes what earlier operations and earlier
 * batches wrote, never what a later operation of the same batch upserts.
 *
 * <p>A batch with a {@link Guard} is conditional: it applies only if its guard key is still at
 * the {@link Revision} its writer read (else {@link Index#write} throws {@link
 * WriteConflictException} and stores nothing), and it moves the key on. Writers that read some
 * state, decide and write (consolidating a user's memories) guard every write of that state by
 * one key, so that two processes deciding at once cannot both apply a decision made on what the
 * other one changed.
 *
 * @param ops the writes, in order
 * @param guard the condition of the batch, if any
 */
public record WriteBatch(List<Op> ops, Optional<Guard> guard) {

  public WriteBatch {
    ops = List.copyOf(Checks.notNull(ops, "ops"));
    Checks.notNull(guard, "guard");
  }

  /** An unconditional batch. */
  public WriteBatch(List<Op> ops) {
    this(ops, Optional.empty());
  }

  /**
   * The condition of a guarded batch: {@code key} must still be at {@code expected}.
   *
   * @param key names what the writer read (a memory owner); at most 200 characters
   * @param expected the key's revision when the writer read it ({@link Index#revision})
   */
  public record Guard(String key, Revision expected) {
    public Guard {
      Checks.notBlank(key, "key");
      Checks.notNull(expected, "expected");
      if (key.length() > 200) {
        throw new IllegalArgumentException("guard key must be at most 200 characters, got: "
            + key.length());
      }
    }
  }

  /** This batch, applied only while {@code key} is still at {@code expected}. */
  public WriteBatch guarded(String key, Revision expected) {
    return new WriteBatch(ops, Optional.of(new Guard(key, expected)));
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
