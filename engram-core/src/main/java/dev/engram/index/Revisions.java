package dev.engram.index;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The guard keys of an index that only one process writes (the embedded backends): a counter per
 * key stripe, in memory. No revision outlives the process that read it, so nothing needs to be
 * stored: each open draws a new term, and a revision read from an earlier open never matches.
 * Keys share {@value #STRIPES} stripes, so memory stays bounded however many keys there are; two
 * keys on one stripe only cost a retry. Not thread-safe: the backend calls {@link #check} and
 * {@link #advance} under the lock that serialises its writes.
 */
public final class Revisions {
  /** Stripes: a collision costs one replan, so a few thousand make it rare (chosen by hand). */
  private static final int STRIPES = 4096;

  private final long term = 1 + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE - 1);
  private final long[] sequences = new long[STRIPES];

  public Revisions() {
    java.util.Arrays.fill(sequences, -1);
  }

  /** The revision of {@code key} now. */
  public synchronized Revision current(String key) {
    long s = sequences[stripe(key)];
    return s < 0 ? Revision.NONE : new Revision(term, s);
  }

  /**
   * Refuses a guarded batch whose key moved on; does nothing for an unguarded one.
   *
   * @throws WriteConflictException when the key is no longer at the revision read
   */
  public synchronized void check(WriteBatch batch) {
    if (batch.guard().isPresent()) {
      WriteBatch.Guard g = batch.guard().get();
      Revision now = current(g.key());
      if (!now.equals(g.expected())) {
        throw new WriteConflictException(g.key(), g.expected(), now);
      }
    }
  }

  /** Moves the key of a guarded batch on, once the batch is applied. */
  public synchronized void advance(WriteBatch batch) {
    batch.guard().ifPresent(g -> sequences[stripe(g.key())]++);
  }

  private static int stripe(String key) {
    return Math.floorMod(key.hashCode(), STRIPES);
  }
}
