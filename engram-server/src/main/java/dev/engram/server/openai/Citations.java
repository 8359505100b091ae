package dev.engram.server.openai;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.engram.context.Citation;
import dev.engram.server.api.BlendApi.CitationView;
import dev.engram.server.http.Json;
import java.util.List;
import java.util.Locale;

/**
 * The citations of an injected context as the proxy's client sees them: in full (with their
 * text) in the {@code engram} field of a completion, and without text in the {@code
 * X-Engram-Citations} header, as one line of ASCII JSON (non-ASCII characters escaped, since a
 * header carries Latin-1 at most).
 */
final class Citations {
  /** Longest title kept in the header: keeps 18 citations well under common 8 KB header limits. */
  private static final int MAX_TITLE_CHARS = 120;
  private static final ObjectWriter ASCII = Json.mapper().writer()
      .with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private Citations() {}

  /** One citation in the header: what it points at, without its text. */
  record HeaderCitation(int number, String kind, String id, String title) {}

  static List<CitationView> views(List<Citation> citations) {
    return CitationView.all(citations);
  }

  static String header(List<Citation> citations) {
    List<HeaderCitation> brief = citations.stream().map(c -> new HeaderCitation(c.number(),
        c.kind().name().toLowerCase(Locale.ROOT), c.id(),
        c.title().length() > MAX_TITLE_CHARS ? c.title().substring(0, MAX_TITLE_CHARS) : c.title()))
        .toList();
    try {
      return ASCII.writeValueAsString(brief);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
