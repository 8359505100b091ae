package dev.engram.index;

import dev.engram.common.VectorSpace;

/**
 * The index seam: a set of named hybrid text + vector collections with metadata filters, opened
 * from an {@link IndexConfig} (a URI such as {@code lucene:PATH}). The embedded default is
 * Lucene. Every implementation passes {@code IndexContractTest}.
 *
 * <p>Thread-safe: reads run in parallel with each other and with writes; {@link #write} may be
 * called from many threads, and batches apply one at a time, each atomically.
 */
public interface Index extends AutoCloseable {

  /** The read view of the collection with this name (empty until something is written to it). */
  Collection collection(String name);

  /** Which embedding model made the vectors in this index, and their dimension. */
  VectorSpace vectorSpace();

  /**
   * The current revision of a guard key ({@link Revision#NONE} when no guarded batch wrote it):
   * read it before reading what a decision depends on, and guard the decision's batch with it
   * ({@link WriteBatch#guarded}). Sees every guarded batch whose write returned, in any process
   * that shares the index.
   */
  Revision revision(String key);

  /**
   * Applies the batch as one unit and makes it durable before returning: after a crash either
   * all of it or none of it is there. When it throws, nothing of the batch is stored and the
   * index is ready for the next batch.
   *
   * @throws IllegalArgumentException when a record does not fit the index (wrong vector
   *     dimension); nothing is written
   * @throws WriteConflictException when the batch is guarded and its key moved on since it was
   *     read; nothing is written
   * @throws dev.engram.common.StorageException when storage fails, or the index is read-only
   */
  void write(WriteBatch batch);

  /** Releases files, connections and locks. Idempotent. */
  @Override
  void close();
}
