package dev.engram.context;

/** What a question needs: facts from documents, context about the user, or both. */
public enum Route {
  /** Facts and how-to: retrieve documents. */
  KNOWLEDGE,
  /** About the user or the conversation: recall memories. */
  MEMORY,
  /** Both, or no clear signal. */
  BOTH;

  /** True when documents are searched for this route. */
  public boolean needsKnowledge() {
    return this != MEMORY;
  }
}
