package dev.engram.knowledge;

import dev.engram.common.Checks;
import java.time.Instant;

/**
 * A document as ingested: its id (stable across re-ingests), the knowledge base it belongs to,
 * where it came from and how many chunks it has.
 *
 * @param id the document id; unique within its knowledge base
 * @param externalId the id its source gave it (a JSONL record's {@code _id}), or empty
 * @param knowledgeBase the knowledge base of the tenant that holds it
 * @param title the title (may be empty)
 * @param source where it came from: a path, or a path and a JSONL record id
 * @param mediaType the parser that read it (text/markdown, application/pdf, ...)
 * @param chunks how many chunks it was split into
 * @param ingestedAt when it was last (re-)ingested
 */
public record KnowledgeDocument(String id, String externalId, String knowledgeBase, String title, String source,
    String mediaType, int chunks, Instant ingestedAt) {
  public KnowledgeDocument {
    Checks.notBlank(id, "id");
    Checks.notNull(externalId, "externalId");
    Checks.notBlank(knowledgeBase, "knowledgeBase");
    Checks.notNull(title, "title");
    Checks.notNull(source, "source");
    Checks.notNull(mediaType, "mediaType");
    Checks.atLeast(chunks, 0, "chunks");
    Checks.notNull(ingestedAt, "ingestedAt");
  }
}
