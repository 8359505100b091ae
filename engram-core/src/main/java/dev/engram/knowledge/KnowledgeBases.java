package dev.engram.knowledge;

import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The documents of a tenant's knowledge bases: list them, delete one or all that came from a
 * file or folder. Every call reads and writes within its scope's tenant and knowledge bases only.
 * Thread-safe.
 */
public final class KnowledgeBases {
  private static final int MAX_LIST = 1_000_000;

  private final Index index;
  private final Collection documents;
  private final Collection sources;
  private final Collection chunks;

  public KnowledgeBases(Index index) {
    this.index = Checks.notNull(index, "index");
    this.documents = index.collection(KnowledgeRecords.DOCUMENTS);
    this.sources = index.collection(KnowledgeRecords.SOURCES);
    this.chunks = index.collection(KnowledgeRecords.CHUNKS);
  }

  /** The documents of the scope's knowledge bases, ordered by knowledge base and id. */
  public List<KnowledgeDocument> documents(Scope scope, int limit) {
    Checks.atLeast(limit, 1, "limit");
    return documents.list(KnowledgeRecords.filter(Checks.notNull(scope, "scope")), limit).stream()
        .map(KnowledgeBases::document)
        .toList();
  }

  /**
   * Deletes a document of the scope's one knowledge base, with its chunks and (when it was the
   * file's only document) its file record, as one write. {@code id} is a document id, or the
   * external id ({@code _id}) of the one JSONL record that has it, as document ids were before
   * they were made unique per file.
   *
   * @throws InvalidInputException ENGRAM-404 when the knowledge base has no such document,
   *     ENGRAM-405 when several documents (of several files) have that external id
   */
  public void deleteDocument(Scope scope, String id) {
    Checks.notBlank(id, "documentId");
    IndexRecord doc = find(scope, id);
    String documentId = doc.keyword(KnowledgeRecords.DOC).orElse(id);
    Filter kb = KnowledgeRecords.writeFilter(scope);
    WriteBatch.Builder write = WriteBatch.builder()
        .delete(KnowledgeRecords.CHUNKS, kb.and(KnowledgeRecords.DOC, documentId))
        .deleteIds(KnowledgeRecords.DOCUMENTS, List.of(doc.id()));
    // The file record makes the next ingest skip the file: drop it, so that ingest adds the
    // document again. Other documents of the same file are then compared by hash and kept.
    doc.keyword(KnowledgeRecords.FILE).ifPresent(file ->
        write.deleteIds(KnowledgeRecords.SOURCES, List.of(KnowledgeRecords.key(scope, file))));
    index.write(write.build());
  }

  /**
   * Deletes every document of the scope's one knowledge base whose metadata has all the given
   * values (matched exactly, as search filters match), with its chunks and file record, as one
   * write. The chunks carry the metadata, so they are what is matched; their documents go whole.
   *
   * @return the deleted documents, by id
   * @throws InvalidInputException ENGRAM-952 when no key is given: an empty filter would match
   *     the whole knowledge base
   */
  public List<KnowledgeDocument> deleteMatching(Scope scope, Map<String, String> metadata) {
    if (Checks.notNull(metadata, "metadata").isEmpty()) {
      throw new InvalidInputException("ENGRAM-952", "deleting by metadata needs at least one"
          + " key and value; to empty a knowledge base delete its documents by id or by source");
    }
    Filter kb = KnowledgeRecords.writeFilter(scope);
    Filter match = kb;
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(metadata).entrySet()) {
      match = match.and(Checks.notBlank(e.getKey(), "metadata key"), Checks.notNull(e.getValue(), "value"));
    }
    java.util.Set<String> ids = new java.util.TreeSet<>();
    chunks.list(match, MAX_LIST).forEach(c -> c.keyword(KnowledgeRecords.DOC).ifPresent(ids::add));
    List<KnowledgeDocument> deleted = new ArrayList<>();
    WriteBatch.Builder write = WriteBatch.builder();
    for (String id : ids) {
      write.delete(KnowledgeRecords.CHUNKS, kb.and(KnowledgeRecords.DOC, id));
      documents.get(KnowledgeRecords.key(scope, id)).ifPresent(doc -> {
        deleted.add(document(doc));
        write.deleteIds(KnowledgeRecords.DOCUMENTS, List.of(doc.id()));
        doc.keyword(KnowledgeRecords.FILE).ifPresent(file ->
            write.deleteIds(KnowledgeRecords.SOURCES, List.of(KnowledgeRecords.key(scope, file))));
      });
    }
    if (!ids.isEmpty()) {
      index.write(write.build());
    }
    return deleted;
  }

  /** The record of the document with this id, else of the one with this external id. */
  private IndexRecord find(Scope scope, String id) {
    String kbName = scope.requireOneKnowledgeBase("delete");
    Optional<IndexRecord> byId = documents.get(KnowledgeRecords.key(scope, id));
    if (byId.isPresent()) {
      return byId.get();
    }
    List<IndexRecord> byExternalId = documents.list(
        KnowledgeRecords.writeFilter(scope).and(KnowledgeRecords.EXTERNAL_ID, id), 100);
    if (byExternalId.size() > 1) {
      throw new InvalidInputException("ENGRAM-405", "several documents of knowledge base '"
          + kbName + "' have _id '" + id + "' (" + byExternalId.stream()
              .map(r -> r.keyword(KnowledgeRecords.DOC).orElse(r.id()) + " from "
                  + r.keyword(KnowledgeRecords.SOURCE).orElse("?"))
              .collect(Collectors.joining(", "))
          + "): give the document id (see `engram documents`)");
    }
    return byExternalId.stream().findFirst().orElseThrow(() -> new InvalidInputException(
        "ENGRAM-404", "no document with id '" + id + "' in knowledge base '" + kbName + "'"));
  }

  /**
   * Deletes every document of the scope's one knowledge base that came from a file, or from any
   * file under a folder, as one write. Returns how many documents were deleted.
   */
  public int deleteSource(Scope scope, Path path) {
    String prefix = Checks.notNull(path, "path").toAbsolutePath().normalize().toString();
    Filter kb = KnowledgeRecords.writeFilter(scope);
    WriteBatch.Builder write = WriteBatch.builder();
    int deleted = 0;
    // Every record of a file carries the file's path (FILE), whatever its document id: one
    // filter finds all the records of a JSONL file.
    for (IndexRecord source : sources.list(kb, MAX_LIST)) {
      String file = source.keyword(KnowledgeRecords.FILE).orElse(source.text());
      if (file.equals(prefix) || file.startsWith(prefix + "/")) {
        Filter ofFile = kb.and(KnowledgeRecords.FILE, file);
        deleted += documents.count(ofFile);
        write.delete(KnowledgeRecords.CHUNKS, ofFile)
            .delete(KnowledgeRecords.DOCUMENTS, ofFile)
            .deleteIds(KnowledgeRecords.SOURCES, List.of(source.id()));
      }
    }
    index.write(write.build());
    return deleted;
  }

  /**
   * Moves knowledge records written before tenancy (no tenant field) into tenant {@value
   * Scope#DEFAULT_TENANT}, knowledge base {@value Scope#DEFAULT_KB}, as one write; their ids
   * become keys and section paths become lists. Then gives JSONL records written when their
   * document id was their {@code _id} their per-file document id ({@link DocumentIdUpgrade}).
   * Returns how many records moved or were re-keyed (0 when there were none, the usual case).
   */
  public int upgradeLegacy() {
    Filter legacy = Filter.all().andMissing(KnowledgeRecords.TENANT);
    WriteBatch.Builder write = WriteBatch.builder();
    int moved = 0;
    for (String name : List.of(KnowledgeRecords.CHUNKS, KnowledgeRecords.DOCUMENTS,
        KnowledgeRecords.SOURCES)) {
      List<IndexRecord> old = index.collection(name).list(legacy, MAX_LIST);
      if (old.isEmpty()) {
        continue;
      }
      List<IndexRecord> upgraded = new ArrayList<>(old.size());
      for (IndexRecord r : old) {
        upgraded.add(upgraded(name, r));
      }
      write.deleteIds(name, old.stream().map(IndexRecord::id).toList()).upsert(name, upgraded);
      moved += old.size();
    }
    index.write(write.build());
    return moved + DocumentIdUpgrade.run(index);
  }

  private static IndexRecord upgraded(String collection, IndexRecord r) {
    Map<String, List<String>> keywords = new HashMap<>(r.keywords());
    keywords.put(KnowledgeRecords.TENANT, List.of(Scope.DEFAULT_TENANT));
    keywords.put(KnowledgeRecords.KB, List.of(Scope.DEFAULT_KB));
    if (collection.equals(KnowledgeRecords.DOCUMENTS)) {
      keywords.put(KnowledgeRecords.DOC, List.of(r.id()));
    }
    if (collection.equals(KnowledgeRecords.SOURCES)) {
      keywords.put(KnowledgeRecords.FILE, List.of(r.id()));
    }
    List<String> section = r.keywordValues(KnowledgeRecords.SECTION);
    if (section.size() == 1 && section.getFirst().contains(" > ")) {
      keywords.put(KnowledgeRecords.SECTION, List.of(section.getFirst().split(" > ")));
    }
    String key = KnowledgeRecords.key(Scope.DEFAULT_TENANT, Scope.DEFAULT_KB, r.id());
    return new IndexRecord(key, r.text(), r.vector(), keywords, r.longs());
  }

  static KnowledgeDocument document(IndexRecord r) {
    return new KnowledgeDocument(
        r.keyword(KnowledgeRecords.DOC).orElse(r.id()),
        KnowledgeRecords.externalId(r),
        r.keyword(KnowledgeRecords.KB).orElse(Scope.DEFAULT_KB),
        r.keyword(KnowledgeRecords.TITLE).orElse(""),
        r.keyword(KnowledgeRecords.SOURCE).orElse(""),
        r.keyword(KnowledgeRecords.MEDIA_TYPE).orElse(""),
        r.longValue(KnowledgeRecords.CHUNK_COUNT).orElse(0L).intValue(),
        Instant.ofEpochMilli(r.longValue(KnowledgeRecords.INGESTED_AT).orElse(0L)));
  }
}
