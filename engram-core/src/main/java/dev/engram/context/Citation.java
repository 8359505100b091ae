package dev.engram.context;

import dev.engram.common.Checks;
import java.util.List;

/**
 * What a number [n] in a context (and in an answer) points at: a passage of a document (its id and
 * character span in the document's extracted text), a memory (its id and the ids of the messages
 * it came from), or verbatim messages of the conversation log.
 *
 * @param number the n of [n], from 1
 * @param kind what it points at: a document passage, a memory or messages
 * @param id the document id, the memory id, or the id of the message the messages are centred on
 * @param title the document title and section, or the memory's kind and date
 * @param text the passage, the memory text, or the messages one per line
 * @param start character offset (inclusive) in the document; 0 for a memory or messages
 * @param end character offset (exclusive) in the document; the text length for a memory or
 *     messages
 * @param provenance the message ids a memory came from, or the ids of the messages shown; empty
 *     for a document
 */
public record Citation(
    int number, Kind kind, String id, String title, String text, int start, int end,
    List<String> provenance) {

  /** What a citation points at. */
  public enum Kind {
    /** A passage of an ingested document: {@code id} is the document's, with a character span. */
    DOCUMENT,
    /** A memory distilled from the conversation (fact, preference, event, feedback). */
    MEMORY,
    /** Verbatim messages of the conversation log (a recalled window of turns), not distilled. */
    MESSAGE;

    /** True for what comes from the user's memory (a memory or messages), false for a document. */
    public boolean remembered() {
      return this != DOCUMENT;
    }
  }

  public Citation {
    Checks.atLeast(number, 1, "number");
    Checks.notNull(kind, "kind");
    Checks.notBlank(id, "id");
    Checks.notNull(title, "title");
    Checks.notNull(text, "text");
    provenance = List.copyOf(provenance);
  }

  /** This citation under another number (an answer numbers the sources it shows from 1). */
  public Citation numbered(int n) {
    return new Citation(n, kind, id, title, text, start, end, provenance);
  }

  /** A one-line description for people: title and span, or the memory or messages text. */
  public String describe() {
    return switch (kind) {
      case DOCUMENT -> "[" + number + "] " + title + " (doc " + id + ", chars " + start + "-" + end + ")";
      case MEMORY, MESSAGE -> "[" + number + "] " + kind.name().toLowerCase(java.util.Locale.ROOT)
          + " " + id + " (" + title + "): " + text.replace('\n', ' ');
    };
  }
}
