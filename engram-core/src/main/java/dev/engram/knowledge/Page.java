package dev.engram.knowledge;

/** A span of a document's extracted text that came from one page (1-based) of a PDF. */
public record Page(int number, int start, int end) {
  public Page {
    if (number < 1 || start < 0 || end < start) {
      throw new IllegalArgumentException(
          "bad page " + number + " span [" + start + ", " + end + ")");
    }
  }
}
