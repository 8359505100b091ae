package dev.engram.models.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks on a few threads that take the next task as they finish one. Platform
 * threads, not virtual ones: each task is a long native call that would pin a carrier thread.
 */
final class Workers {
  private Workers() {}

  /** Runs {@code task} for 0..count-1 on up to {@code threads} threads, the caller's included. */
  static void run(int count, int threads, IntConsumer task) {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            if (failure.get() != null) {
              return;
            }
            try {
              task.accept(i);
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
            }
          }
        };
    List<Thread> helpers = new ArrayList<>();
    for (int t = 1; t < Math.min(threads, count); t++) {
      helpers.add(Thread.ofPlatform().daemon().name("engram-embed-" + t).start(worker));
    }
    worker.run();
    joinAll(helpers);
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** Waits for every helper even when interrupted, since they write into the caller's arrays. */
  private static void joinAll(List<Thread> helpers) {
    boolean interrupted = false;
    for (Thread helper : helpers) {
      while (true) {
        try {
          helper.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
