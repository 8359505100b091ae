package dev.engram.knowledge;

import dev.engram.common.Checks;
import java.util.List;

/**
 * A piece of a document small enough to embed, with the exact span it covers: {@code
 * document.text().substring(start, end).equals(text())}. What is indexed and embedded is {@link
 * #embeddedText()}: the header (title and section path) followed by the text; the {@link Chunker}
 * sized the two together.
 *
 * @param documentId the document it belongs to
 * @param ordinal 0-based position within the document
 * @param text the chunk's text
 * @param start character offset (inclusive) in the document's extracted text
 * @param end character offset (exclusive)
 * @param sectionPath the heading path the chunk starts under; may be empty
 * @param page the 1-based page the chunk starts on, or 0 when the source is not paged
 * @param header the context put before the text when it is indexed and embedded ({@code "Title >
 *     Section\n\n"}), or empty
 */
public record Chunk(
    String documentId, int ordinal, String text, int start, int end, List<String> sectionPath,
    int page, String header) {

  public Chunk {
    Checks.notBlank(documentId, "documentId");
    Checks.atLeast(ordinal, 0, "ordinal");
    Checks.notNull(text, "text");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad chunk span [" + start + ", " + end + ")");
    }
    sectionPath = List.copyOf(sectionPath);
    Checks.atLeast(page, 0, "page");
    Checks.notNull(header, "header");
  }

  /** The text that is indexed and embedded: header, then the chunk's text. */
  public String embeddedText() {
    return header + text;
  }

  /** The id of this chunk in the knowledge collection. */
  public String id() {
    return documentId + "#" + ordinal;
  }
}
