package dev.engram.knowledge;

import dev.engram.common.Hashes;
import dev.engram.common.Scope;
import dev.engram.embed.Embedder;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes documents given whole, with their own id, title and source (text posted to a server, a
 * parsed upload), into a knowledge base: chunked and embedded as {@link Ingestor} does, laid out
 * with the same {@link KnowledgeRecords}, so search, listing and delete treat them alike. Each
 * call is one write batch: the documents' chunks and records, replacing what a document of the
 * same id had; a document whose content hash is unchanged is not written again.
 *
 * <p>{@link Ingestor} reads paths and names documents after them; this is the call for documents
 * that have no file. Embedding runs outside the lock; only compare-and-write is serialised, so two
 * writes of one id cannot interleave their chunks. Reached through {@code Engram.addDocuments}.
 */
public final class DocumentWriter {
  private final Index index;
  private final Collection documents;
  private final Embedder embedder;
  private final Chunker chunker;
  private final Clock clock;
  private final ReentrantLock writes = new ReentrantLock();

  public DocumentWriter(Index index, Embedder embedder, Chunker chunker, Clock clock) {
    this.index = index;
    this.documents = index.collection(KnowledgeRecords.DOCUMENTS);
    this.embedder = embedder;
    this.chunker = chunker;
    this.clock = clock;
  }

  /** What happened to one document: {@code status} is {@code added}, {@code updated} or {@code unchanged}. */
  public record Written(String id, String kb, String title, String source, int chunks,
      String status) {}

  /** Writes {@code docs} into the one knowledge base of {@code scope}, in one batch. */
  public List<Written> write(Scope scope, List<Document> docs) {
    String kb = scope.requireOneKnowledgeBase("add a document");
    if (docs.isEmpty()) {
      return List.of();
    }
    List<List<Chunk>> chunks = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Document doc : docs) {
      List<Chunk> cs = chunker.chunk(doc);
      chunks.add(cs);
      cs.forEach(c -> texts.add(KnowledgeRecords.indexedText(doc, c)));
    }
    List<String> hashes = docs.stream().map(this::hash).toList();
    // Unchanged texts cost nothing here: the embedding cache has them.
    List<float[]> vectors = texts.isEmpty() ? List.of() : embedder.embedDocuments(texts);
    writes.lock();
    try {
      List<Written> out = new ArrayList<>();
      List<Integer> changed = new ArrayList<>();
      for (int i = 0; i < docs.size(); i++) {
        Document doc = docs.get(i);
        var old = documents.get(KnowledgeRecords.key(scope, doc.id()));
        String status = old.isEmpty() ? "added"
            : old.get().keyword(KnowledgeRecords.HASH).orElse("").equals(hashes.get(i))
                ? "unchanged" : "updated";
        if (!status.equals("unchanged")) {
          changed.add(i);
        }
        out.add(new Written(doc.id(), kb, doc.title(), doc.source(), chunks.get(i).size(), status));
      }
      WriteBatch.Builder batch = WriteBatch.builder();
      Filter ofKb = KnowledgeRecords.writeFilter(scope);
      List<IndexRecord> chunkRecords = new ArrayList<>();
      List<IndexRecord> docRecords = new ArrayList<>();
      for (int i : changed) {
        Document doc = docs.get(i);
        int v = firstVector(chunks, i);
        String file = "api:" + doc.id();
        batch.delete(KnowledgeRecords.CHUNKS, ofKb.and(KnowledgeRecords.DOC, doc.id()));
        for (Chunk c : chunks.get(i)) {
          chunkRecords.add(KnowledgeRecords.chunkRecord(scope, doc, file, c, vectors.get(v++)));
        }
        docRecords.add(KnowledgeRecords.documentRecord(scope, doc, file, hashes.get(i),
            chunks.get(i).size(), clock.millis()));
      }
      if (!changed.isEmpty()) {
        index.write(batch.upsert(KnowledgeRecords.CHUNKS, chunkRecords)
            .upsert(KnowledgeRecords.DOCUMENTS, docRecords).build());
      }
      return out;
    } finally {
      writes.unlock();
    }
  }

  private static int firstVector(List<List<Chunk>> chunks, int doc) {
    int n = 0;
    for (int i = 0; i < doc; i++) {
      n += chunks.get(i).size();
    }
    return n;
  }

  /** The content hash: text, title, source, metadata and the chunking settings. */
  private String hash(Document doc) {
    MessageDigest sha = Hashes.sha256();
    for (String part : List.of(doc.text(), doc.title(), doc.source(), doc.mediaType(),
        new TreeMap<>(doc.metadata()).toString(), chunker.settingsKey())) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
