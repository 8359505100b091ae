package dev.engram.memory.model;

/**
 * Where a remembered message came from: said in a conversation, or a turn of a question put to
 * Engram ({@code ask}, {@code chat}, {@code Engram.answer}) and Engram's answer to it. Recall
 * weighs the messages of such turns below what was said, and the answer is never read for facts.
 */
public enum Origin {
  /** Said in a conversation: what the user (or anyone) told. */
  CONVERSATION,
  /** A question the user asked Engram; read for facts like anything the user says. */
  ASKED,
  /** Engram's answer (generated or extractive), stored without [n] marks; never read for facts. */
  ANSWER;

  /** The lower-case name stored in the index and shown in JSON. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The origin stored as {@code label}; {@link #CONVERSATION} when unknown or absent. */
  public static Origin fromLabel(String label) {
    for (Origin o : values()) {
      if (o.label().equals(label)) {
        return o;
      }
    }
    return CONVERSATION;
  }

  /** True for both messages of a question put to Engram. */
  public boolean asked() {
    return this != CONVERSATION;
  }
}
