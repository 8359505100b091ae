package dev.engram.memory.model;

/** What happened to a memory: each is one entry of its history. */
public enum Action {
  /** A new memory. */
  ADD,
  /** The same fact, refined: text or provenance changed, version +1. */
  UPDATE,
  /** A contradiction: the old memory is closed (valid-to set) and a new one added. */
  SUPERSEDE,
  /** Already known; nothing changed except that the mention is recorded. */
  NOOP,
  /** Changed by hand. */
  EDIT,
  /** Deleted on request. */
  FORGET;

  /** The lower-case name used in stored records and output. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
