package dev.engram.memory;

import dev.engram.common.Hashes;
import dev.engram.common.Scope;
import dev.engram.common.StorageException;
import dev.engram.index.Index;
import dev.engram.index.Revision;
import dev.engram.index.WriteBatch;
import dev.engram.index.WriteConflictException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the writes of one memory owner (tenant and user, or tenant and agent for an agent's
 * own memories): within this process by a lock and a write count, across processes that share
 * the index by the owner's guard key ({@link Index#revision}). Every write of an owner's memory
 * is guarded by the revision read before the state it was planned on, so a decision made on what
 * another server changed meanwhile is refused by the index and planned again. Owners share a
 * fixed set of local stripes: memory stays bounded however many users there are, and two owners
 * on one stripe only cost a retry.
 */
final class OwnerLocks {
  /** Stripes: enough that 8 writer threads rarely share one (not measured; chosen by hand). */
  private static final int STRIPES = 64;
  /**
   * Guarded writes tried under the lock before giving up: each conflict means another process
   * wrote this owner meanwhile, so 50 covers far more contention than a user's own turns make.
   */
  static final int CONFLICT_TRIES = 50;

  private final Index index;
  private final Stripe[] stripes = new Stripe[STRIPES];

  OwnerLocks(Index index) {
    this.index = index;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** A batch planned against the owner's state, and what the caller answers once it is written. */
  record Planned<T>(WriteBatch batch, T result) {
    <U> Planned<U> map(java.util.function.Function<T, U> f) {
      return new Planned<>(batch, f.apply(result));
    }
  }

  /** What an optimistic writer read before planning: the local write count and the index's revision. */
  record Seen(long generation, Revision revision) {}

  /** Read this before reading the owner's state; pass it to {@link #writeIfUnchanged}. */
  Seen seen(Scope owner) {
    Stripe s = stripe(owner);
    long generation;
    s.lock.lock();
    try {
      generation = s.generation;
    } finally {
      s.lock.unlock();
    }
    return new Seen(generation, index.revision(key(owner)));
  }

  /**
   * Writes {@code batch} under the owner's lock if no write of this process came since {@code
   * seen} and the index refuses no write of another process since then.
   *
   * @return false (nothing written) when another write came first
   */
  boolean writeIfUnchanged(Scope owner, Seen seen, WriteBatch batch) {
    Stripe s = stripe(owner);
    s.lock.lock();
    try {
      if (s.generation != seen.generation()) {
        return false;
      }
      try {
        index.write(batch.guarded(key(owner), seen.revision()));
      } catch (WriteConflictException e) {
        return false;
      }
      s.generation++;
      return true;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Under the owner's lock, reads the owner's revision, plans with {@code work} and writes the
   * plan guarded by that revision; plans again while another process wins the owner (after a
   * short random pause, so that two servers do not keep colliding in step). An empty batch is not
   * written.
   *
   * @throws StorageException ENGRAM-971 when other writers won {@value #CONFLICT_TRIES} times
   */
  <T> T write(Scope owner, Supplier<Planned<T>> work) {
    Stripe s = stripe(owner);
    String key = key(owner);
    s.lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        Revision read = index.revision(key);
        Planned<T> planned = work.get();
        if (planned.batch().isEmpty()) {
          return planned.result();
        }
        try {
          index.write(planned.batch().guarded(key, read));
          s.generation++;
          return planned.result();
        } catch (WriteConflictException e) {
          if (attempt == CONFLICT_TRIES) {
            throw new StorageException("ENGRAM-971", "Other writers changed the memory of "
                + owner + " " + CONFLICT_TRIES + " times while this write was planned; nothing"
                + " was written. Retry later, or spread the writes of one user over fewer servers.");
          }
          pause(attempt);
        }
      }
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * The owner's guard key: a hash, so that it is a short id on every backend and says nothing of
   * the user it stands for.
   */
  static String key(Scope owner) {
    return "owner-" + HexFormat.of().formatHex(Hashes.sha256(identity(owner)));
  }

  private static String identity(Scope owner) {
    return owner.tenant() + '\u0000'
        + owner.user().map(u -> "u:" + u).orElseGet(() -> "a:" + owner.agent().orElse(""));
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2 + Math.min(attempt, 10) * 5L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("ENGRAM-971", "interrupted while retrying a memory write");
    }
  }

  private Stripe stripe(Scope owner) {
    return stripes[Math.floorMod(identity(owner).hashCode(), STRIPES)];
  }

  private static final class Stripe {
    final ReentrantLock lock = new ReentrantLock();
    long generation;
  }
}
