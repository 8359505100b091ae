package dev.engram.common;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs two independent reads at once (a context's knowledge search and memory reads, a recall's
 * text searches and its query embedding): one on a virtual thread, the other on the calling
 * thread. Neither outlives the call: when the calling thread's part fails, the forked part is
 * still waited for before the failure is thrown (with the forked failure, if any, suppressed in
 * it), so no search is left reading the index after the call has returned.
 */
public final class Alongside {
  private Alongside() {}

  /** {@code join} of what {@code forked} (on a virtual thread) and {@code here} (on this one) return. */
  public static <A, B, R> R run(String name, Supplier<A> forked, Supplier<B> here, BiFunction<A, B, R> join) {
    FutureTask<A> task = new FutureTask<>(forked::get);
    Thread.ofVirtual().name(name).start(task);
    B mine;
    try {
      mine = here.get();
    } catch (RuntimeException | Error e) {
      try {
        await(task);
      } catch (RuntimeException | Error other) {
        if (other != e) { // both parts may rethrow one shared failure (a broken index's)
          e.addSuppressed(other);
        }
      }
      throw e;
    }
    return join.apply(await(task), mine);
  }

  /** The task's result, or its own exception rethrown as it was thrown. */
  private static <A> A await(FutureTask<A> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          // the task reads an index and ends on its own: wait it out, then keep the interrupt
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
      throw new IllegalStateException("a read failed", e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
