package dev.engram.knowledge;

import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upgrades JSONL records written when a record's document id was its {@code _id}: such an id was
 * global, so the same {@code _id} in another file (or equal to a file's document id) replaced the
 * document. Each document and chunk record gets its per-file id ({@link Hashing#recordId}) and
 * keeps its {@code _id} as {@link KnowledgeRecords#EXTERNAL_ID}; vectors are kept, nothing is
 * embedded again.
 *
 * <p>A file whose documents were replaced that way has fewer documents left than its file record
 * says it had: that file record is dropped, so the next ingest of the file reads it again and
 * adds back what was lost (the rest of it compares unchanged by hash).
 *
 * <p>Each step is one write and the upgrade is idempotent, so a crash part-way only means the
 * next writable open finishes it. An index with nothing to upgrade costs two empty searches.
 */
final class DocumentIdUpgrade {
  /** Records re-keyed per write: bounds the heap the vectors of one page take (about 2 MB). */
  private static final int PAGE = 1_000;
  private static final int MAX_SOURCES = 1_000_000;

  private DocumentIdUpgrade() {}

  /** Upgrades what needs it; returns how many document and chunk records were re-keyed. */
  static int run(Index index) {
    Collection documents = index.collection(KnowledgeRecords.DOCUMENTS);
    Collection chunks = index.collection(KnowledgeRecords.CHUNKS);
    Filter legacy = Filter.eq(KnowledgeRecords.MEDIA_TYPE, KnowledgeRecords.JSONL)
        .andMissing(KnowledgeRecords.EXTERNAL_ID);
    if (documents.list(legacy, 1).isEmpty() && chunks.list(legacy, 1).isEmpty()) {
      return 0;
    }
    dropSourcesMissingDocuments(index, documents);
    int moved = 0;
    while (true) {
      List<IndexRecord> docPage = documents.list(legacy, PAGE);
      List<IndexRecord> chunkPage = chunks.list(legacy, PAGE);
      if (docPage.isEmpty() && chunkPage.isEmpty()) {
        return moved;
      }
      WriteBatch.Builder write = WriteBatch.builder();
      rekey(write, KnowledgeRecords.DOCUMENTS, docPage, false);
      rekey(write, KnowledgeRecords.CHUNKS, chunkPage, true);
      index.write(write.build());
      moved += docPage.size() + chunkPage.size();
    }
  }

  /**
   * Drops every file record that counts more documents than the index holds for its file, so
   * that the next ingest restores the ones another file replaced.
   */
  private static void dropSourcesMissingDocuments(Index index, Collection documents) {
    List<String> stale = new ArrayList<>();
    for (IndexRecord source : index.collection(KnowledgeRecords.SOURCES).list(Filter.all(), MAX_SOURCES)) {
      Optional<Long> recorded = source.longValue(KnowledgeRecords.CHUNK_COUNT);
      Optional<String> tenant = source.keyword(KnowledgeRecords.TENANT);
      Optional<String> kb = source.keyword(KnowledgeRecords.KB);
      Optional<String> file = source.keyword(KnowledgeRecords.FILE);
      if (recorded.isEmpty() || tenant.isEmpty() || kb.isEmpty() || file.isEmpty()) {
        continue;
      }
      Filter ofFile = Filter.eq(KnowledgeRecords.TENANT, tenant.get())
          .and(KnowledgeRecords.KB, kb.get()).and(KnowledgeRecords.FILE, file.get());
      if (documents.count(ofFile) < recorded.get()) {
        stale.add(source.id());
      }
    }
    if (!stale.isEmpty()) {
      index.write(WriteBatch.builder().deleteIds(KnowledgeRecords.SOURCES, stale).build());
    }
  }

  private static void rekey(WriteBatch.Builder write, String collection, List<IndexRecord> old,
      boolean chunk) {
    if (old.isEmpty()) {
      return;
    }
    List<IndexRecord> upgraded = new ArrayList<>(old.size());
    for (IndexRecord r : old) {
      upgraded.add(rekeyed(r, chunk));
    }
    write.deleteIds(collection, old.stream().map(IndexRecord::id).toList())
        .upsert(collection, upgraded);
  }

  private static IndexRecord rekeyed(IndexRecord r, boolean chunk) {
    String externalId = r.keyword(KnowledgeRecords.DOC).orElse("");
    Map<String, List<String>> keywords = new HashMap<>(r.keywords());
    keywords.put(KnowledgeRecords.EXTERNAL_ID, List.of(externalId));
    Optional<String> file = file(r, externalId);
    String tenant = r.keyword(KnowledgeRecords.TENANT).orElse("");
    String kb = r.keyword(KnowledgeRecords.KB).orElse("");
    if (file.isEmpty() || externalId.isEmpty() || tenant.isEmpty() || kb.isEmpty()) {
      // Nothing to derive the id from: keep the record as it is, marked as upgraded.
      return new IndexRecord(r.id(), r.text(), r.vector(), keywords, r.longs());
    }
    String id = Hashing.recordId(file.get(), externalId);
    keywords.put(KnowledgeRecords.DOC, List.of(id));
    String key = chunk
        ? KnowledgeRecords.key(tenant, kb, id + "#" + r.longValue(KnowledgeRecords.ORDINAL).orElse(0L))
        : KnowledgeRecords.key(tenant, kb, id);
    return new IndexRecord(key, r.text(), r.vector(), keywords, r.longs());
  }

  /** The record's file: its FILE keyword, or its source without the {@code #_id} suffix. */
  private static Optional<String> file(IndexRecord r, String externalId) {
    Optional<String> file = r.keyword(KnowledgeRecords.FILE);
    if (file.isPresent()) {
      return file;
    }
    String suffix = "#" + externalId;
    return r.keyword(KnowledgeRecords.SOURCE).filter(s -> s.endsWith(suffix))
        .map(s -> s.substring(0, s.length() - suffix.length()));
  }
}
