package dev.engram.retrieval;

import dev.engram.common.Checks;
import dev.engram.common.Scope;
import dev.engram.index.IndexRecord;
import dev.engram.knowledge.KnowledgeRecords;
import java.util.List;
import java.util.Map;

/**
 * One cited passage: which document and where in its extracted text, so a UI can highlight it
 * and an answer can cite it, plus the score of each retriever.
 *
 * @param chunkId id of the chunk ({@code documentId#ordinal})
 * @param documentId the document's stable id, unique in its knowledge base
 * @param externalId the id the source gave the document (a JSONL record's {@code _id}), or empty
 *     for a file
 * @param knowledgeBase the knowledge base the document belongs to
 * @param title the document's title
 * @param source the file (or file#record) it came from
 * @param text the chunk's text
 * @param start character offset (inclusive) in the document's extracted text
 * @param end character offset (exclusive)
 * @param sectionPath the heading path, empty when none
 * @param page the 1-based page, or 0 when not paged
 * @param scores the score of each component and the fused score
 * @param metadata the metadata the document was added with (JSONL extra fields, a posted
 *     document's metadata; {@code tags} comma-joined), without Engram's own fields
 */
public record SearchHit(
    String chunkId,
    String documentId,
    String externalId,
    String knowledgeBase,
    String title,
    String source,
    String text,
    int start,
    int end,
    List<String> sectionPath,
    int page,
    Scores scores,
    Map<String, String> metadata) {

  public SearchHit {
    Checks.notNull(externalId, "externalId");
    sectionPath = List.copyOf(sectionPath);
    metadata = Map.copyOf(metadata);
  }

  /** A hit without metadata (one read back from a source that does not carry it). */
  public SearchHit(String chunkId, String documentId, String externalId, String knowledgeBase,
      String title, String source, String text, int start, int end, List<String> sectionPath,
      int page, Scores scores) {
    this(chunkId, documentId, externalId, knowledgeBase, title, source, text, start, end,
        sectionPath, page, scores, Map.of());
  }

  static SearchHit from(IndexRecord r, Scores scores) {
    int header = r.longValue(KnowledgeRecords.HEADER).orElse(0L).intValue();
    String doc = r.keyword(KnowledgeRecords.DOC).orElse("");
    return new SearchHit(
        doc + "#" + r.longValue(KnowledgeRecords.ORDINAL).orElse(0L),
        doc,
        KnowledgeRecords.externalId(r),
        r.keyword(KnowledgeRecords.KB).orElse(Scope.DEFAULT_KB),
        r.keyword(KnowledgeRecords.TITLE).orElse(""),
        r.keyword(KnowledgeRecords.SOURCE).orElse(""),
        r.text().substring(Math.min(header, r.text().length())),
        r.longValue(KnowledgeRecords.START).orElse(0L).intValue(),
        r.longValue(KnowledgeRecords.END).orElse(0L).intValue(),
        r.keywordValues(KnowledgeRecords.SECTION),
        r.longValue(KnowledgeRecords.PAGE).orElse(0L).intValue(),
        scores,
        KnowledgeRecords.metadata(r));
  }
}
