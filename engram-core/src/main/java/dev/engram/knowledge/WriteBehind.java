package dev.engram.knowledge;

import dev.engram.index.Index;
import dev.engram.index.WriteBatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Writes an ingest's batches one at a time on a virtual thread, so that the next batch is chunked
 * and embedded while the index stores (analyses, builds the HNSW graph of, commits) the one
 * before. At most one write is in flight and they reach the index in order: {@link #submit} first
 * waits for the write before it and throws that write's failure, so nothing is written after a
 * failed batch and a file's record still comes after its documents. No write outlives the ingest:
 * the caller {@linkplain #await() waits} before it returns or throws.
 *
 * <p>Not thread-safe: one ingest call owns one.
 */
final class WriteBehind {
  private final Index index;
  private FutureTask<Void> inFlight;

  WriteBehind(Index index) {
    this.index = index;
  }

  /** Waits for the write before, then starts writing {@code batch}. */
  void submit(WriteBatch batch) {
    await();
    FutureTask<Void> task = new FutureTask<>(() -> index.write(batch), null);
    Thread.ofVirtual().name("engram-ingest-write").start(task);
    inFlight = task;
  }

  /** Waits for the write in flight, if any, and throws its failure as it was thrown. */
  void await() {
    FutureTask<Void> task = inFlight;
    if (task == null) {
      return;
    }
    inFlight = null;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          task.get();
          return;
        } catch (InterruptedException e) {
          // the write ends on its own and must not outlive the ingest: wait, keep the interrupt
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("an index write failed", e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits for the write in flight after {@code failure} ended the ingest: its own failure, if
   * any, is added to {@code failure} as suppressed.
   */
  void awaitAfter(Throwable failure) {
    try {
      await();
    } catch (RuntimeException | Error e) {
      failure.addSuppressed(e);
    }
  }
}
