package dev.engram.memory;

import dev.engram.common.Scope;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the writes of one memory owner (tenant and user, or tenant and agent for an agent's
 * own memories) and counts them, so that a remember can decide outside any lock and write only if
 * nothing of the owner changed meanwhile. Owners share a fixed set of stripes: memory stays
 * bounded however many users there are, and two owners on one stripe only cost a retry.
 */
final class OwnerLocks {
  /** Stripes: enough that 8 writer threads rarely share one (not measured; chosen by hand). */
  private static final int STRIPES = 64;

  private final Stripe[] stripes = new Stripe[STRIPES];

  OwnerLocks() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** How many writes the owner's stripe has seen; compare with {@link #writeIfUnchanged}. */
  long generation(Scope owner) {
    Stripe s = stripe(owner);
    s.lock.lock();
    try {
      return s.generation;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Runs {@code write} under the owner's lock if the stripe saw no write since {@code seen}.
   *
   * @return false (nothing run) when another write came first
   */
  boolean writeIfUnchanged(Scope owner, long seen, Runnable write) {
    Stripe s = stripe(owner);
    s.lock.lock();
    try {
      if (s.generation != seen) {
        return false;
      }
      write.run();
      s.generation++;
      return true;
    } finally {
      s.lock.unlock();
    }
  }

  /** Runs {@code work} under the owner's lock and counts it as a write. */
  <T> T write(Scope owner, Supplier<T> work) {
    Stripe s = stripe(owner);
    s.lock.lock();
    try {
      T result = work.get();
      s.generation++;
      return result;
    } finally {
      s.lock.unlock();
    }
  }

  private Stripe stripe(Scope owner) {
    String key = owner.tenant() + '\u0000'
        + owner.user().map(u -> "u:" + u).orElseGet(() -> "a:" + owner.agent().orElse(""));
    return stripes[Math.floorMod(key.hashCode(), STRIPES)];
  }

  private static final class Stripe {
    final ReentrantLock lock = new ReentrantLock();
    long generation;
  }
}
