package dev.engram.knowledge;

import dev.engram.embed.TokenCounter;
import java.util.List;

/**
 * The header put before a chunk's text when it is indexed and embedded: the document's title and
 * the section path, {@code "Title > Section > Subsection\n\n"}. It gives BM25 and the embedder the
 * context a bare paragraph lacks. Its tokens count in the chunk's budget, and a header longer than
 * its share of the budget is shortened (at a word boundary, ending in "…"), so that the chunk's
 * own text always keeps at least half the budget and nothing is cut by the embedder.
 */
final class ChunkHeader {
  /** What ends a shortened header line. */
  static final String ELLIPSIS = "…";
  private static final String SEPARATOR = "\n\n";

  private ChunkHeader() {}

  /** The full header of a chunk under {@code path} in {@code doc}; empty when it has none. */
  static String of(Document doc, List<String> path) {
    StringBuilder h = new StringBuilder();
    if (!doc.title().isBlank()) {
      h.append(doc.title());
    }
    for (String s : path) {
      if (!s.equals(doc.title())) {
        h.append(h.isEmpty() ? "" : " > ").append(s);
      }
    }
    return h.isEmpty() ? "" : h.append(SEPARATOR).toString();
  }

  /**
   * {@code header} when it has at most {@code maxTokens} tokens, else its longest start that fits
   * with "…" (cut after a whole word when there is one); empty when not even that fits.
   */
  static String fit(String header, int maxTokens, TokenCounter counter) {
    if (header.isEmpty() || counter.count(header) <= maxTokens) {
      return header;
    }
    String line = header.substring(0, header.length() - SEPARATOR.length());
    int low = 0; // the longest known prefix length that fits
    int high = line.length();
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (counter.count(shortened(line, mid)) <= maxTokens) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    int end = low;
    int space = line.lastIndexOf(' ', end);
    if (end < line.length() && space > 0 && !Character.isWhitespace(line.charAt(end))) {
      end = space; // do not end on part of a word
    }
    if (end == 0 || line.substring(0, end).isBlank()) {
      return "";
    }
    String fitted = shortened(line, end);
    return counter.count(fitted) <= maxTokens ? fitted : "";
  }

  private static String shortened(String line, int length) {
    int end = length;
    if (end > 0 && end < line.length() && Character.isHighSurrogate(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end).stripTrailing() + ELLIPSIS + SEPARATOR;
  }
}
