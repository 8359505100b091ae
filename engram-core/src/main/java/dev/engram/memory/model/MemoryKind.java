package dev.engram.memory.model;

/**
 * What a memory says: a fact, a preference, an event, feedback on the assistant, a session summary;
 * {@link #EPISODE} marks a recalled verbatim message of the episode log.
 */
public enum MemoryKind {
  FACT,
  PREFERENCE,
  EVENT,
  FEEDBACK,
  SUMMARY,
  EPISODE;

  /** The lower-case name used in stored records and on the command line. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The kind with this label, case-insensitive. */
  public static MemoryKind fromLabel(String label) {
    return valueOf(label.toUpperCase(java.util.Locale.ROOT));
  }
}
