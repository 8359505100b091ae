package dev.engram.index;

/**
 * A capability of indexes whose deletes leave data behind in storage until it is rewritten (as
 * Lucene's segments do): {@link #purgeDeleted} rewrites storage so that deleted records leave no
 * trace in any file. Erasing a user calls it when the index has it.
 */
public interface PhysicalErase {

  /** Rewrites storage so that no deleted record remains in any file; may take a while. */
  void purgeDeleted();
}
