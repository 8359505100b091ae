package dev.engram.context;

/** The sections of a context, in the order they are rendered. */
public enum SectionKind {
  KNOWLEDGE("Knowledge (documents)"),
  MEMORIES("What is known about the user"),
  SUMMARY("Session summary"),
  RECENT_TURNS("Recent turns of this conversation");

  private final String title;

  SectionKind(String title) {
    this.title = title;
  }

  /** The heading of the section in the rendered context. */
  public String title() {
    return title;
  }
}
