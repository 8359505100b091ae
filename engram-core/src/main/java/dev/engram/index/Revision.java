package dev.engram.index;

/**
 * The state of a guard key of an {@link Index} as one writer read it: guarded batches ({@link
 * WriteBatch#guard()}) apply only while the key is still at the revision their writer read, and
 * move it on. Backends define the numbers: OpenSearch's {@code _primary_term} and {@code
 * _seq_no} of the key's document, or an embedded index's epoch and counter. Two reads of one key
 * give different revisions when a guarded batch of that key applied in between; a backend that
 * shares counters between keys may also move a key on for another key's batch, which costs a
 * writer a retry, never a lost decision.
 *
 * @param term the backend's epoch (a primary term, or a number drawn when the index opened)
 * @param sequence the key's position within the term; {@code -1} when the key was never written
 */
public record Revision(long term, long sequence) {

  /** The revision of a key no guarded batch has written yet. */
  public static final Revision NONE = new Revision(0, -1);

  public Revision {
    if (sequence < -1) {
      throw new IllegalArgumentException("sequence must be >= -1, got: " + sequence);
    }
  }
}
