package dev.engram.context;

import dev.engram.common.Checks;
import java.util.List;

/**
 * What a number [n] in a context (and in an answer) points at: a passage of a document (its id and
 * character span in the document's extracted text) or a memory (its id and the ids of the messages
 * it came from).
 *
 * @param number the n of [n], from 1
 * @param kind document passage or memory
 * @param id the document id, or the memory (or message) id
 * @param title the document title and section, or the memory's kind and date
 * @param text the passage or memory text
 * @param start character offset (inclusive) in the document; 0 for a memory
 * @param end character offset (exclusive) in the document; the text length for a memory
 * @param provenance the message ids a memory came from; empty for a document
 */
public record Citation(
    int number, Kind kind, String id, String title, String text, int start, int end,
    List<String> provenance) {

  /** What a citation points at. */
  public enum Kind {
    DOCUMENT,
    MEMORY
  }

  public Citation {
    Checks.atLeast(number, 1, "number");
    Checks.notNull(kind, "kind");
    Checks.notBlank(id, "id");
    Checks.notNull(title, "title");
    Checks.notNull(text, "text");
    provenance = List.copyOf(provenance);
  }

  /** This citation under another number. */
  Citation numbered(int n) {
    return new Citation(n, kind, id, title, text, start, end, provenance);
  }

  /** A one-line description for people: title and span, or the memory text. */
  public String describe() {
    return kind == Kind.DOCUMENT
        ? "[" + number + "] " + title + " (doc " + id + ", chars " + start + "-" + end + ")"
        : "[" + number + "] memory " + id + " (" + title + "): " + text.replace('\n', ' ');
  }
}
