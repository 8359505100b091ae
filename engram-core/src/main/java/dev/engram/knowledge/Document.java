package dev.engram.knowledge;

import dev.engram.common.Checks;
import java.util.List;
import java.util.Map;

/**
 * A parsed source: its extracted plain text, with the spans of its sections and pages. Chunk
 * offsets refer to {@link #text()}.
 *
 * @param id stable id, unique in a knowledge base: a hash of the source path for files, of the
 *     path and the record's {@code _id} for JSONL records
 * @param externalId the id the source gave the document (a JSONL record's {@code _id}), or empty
 * @param source where it came from (absolute path, or path#id for JSONL records)
 * @param title the title, or the file name when the source has none
 * @param mediaType text/plain, text/markdown, text/html, application/pdf, application/jsonl
 * @param text the extracted text
 * @param sections heading spans in order; may be empty
 * @param pages page spans in order; empty unless the source is paged
 * @param metadata further key/value pairs (JSONL extra fields, tags)
 */
public record Document(
    String id,
    String externalId,
    String source,
    String title,
    String mediaType,
    String text,
    List<Section> sections,
    List<Page> pages,
    Map<String, String> metadata) {

  public Document {
    Checks.notBlank(id, "id");
    Checks.notNull(externalId, "externalId");
    Checks.notNull(source, "source");
    Checks.notNull(title, "title");
    Checks.notBlank(mediaType, "mediaType");
    Checks.notNull(text, "text");
    sections = List.copyOf(sections);
    pages = List.copyOf(pages);
    metadata = Map.copyOf(metadata);
  }

  /** A document whose source gives it no id of its own (a single-document file). */
  public Document(String id, String source, String title, String mediaType, String text,
      List<Section> sections, List<Page> pages, Map<String, String> metadata) {
    this(id, "", source, title, mediaType, text, sections, pages, metadata);
  }
}
