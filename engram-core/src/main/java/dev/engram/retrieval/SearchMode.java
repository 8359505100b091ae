package dev.engram.retrieval;

/** Which retriever answers a search: BM25 only, vectors only, or both fused. */
public enum SearchMode {
  BM25,
  DENSE,
  HYBRID;

  /** Parses {@code bm25}, {@code dense} or {@code hybrid}, case-insensitively. */
  public static SearchMode parse(String text) {
    for (SearchMode mode : values()) {
      if (mode.name().equalsIgnoreCase(text.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown search mode '" + text + "': use bm25, dense or hybrid");
  }
}
