package dev.engram.knowledge;

import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbeddingStats;
import dev.engram.common.Scope;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ingest pipeline: walks files and folders, skips files whose bytes did not change, parses,
 * chunks, embeds in batches and writes chunks, document records and file records into one
 * knowledge base of one tenant. Each batch is one {@link WriteBatch}, durable as a unit: a crash
 * or a failure loses at most the batch in flight and never leaves part of a document stored. A
 * file's record is written with its last document, so a file cut short is looked at again by the
 * next ingest.
 *
 * <p>Thread-safe: parsing, chunking and embedding run in the calling thread; only the index
 * write is serialised (by the index).
 */
public final class Ingestor {
  /** Chunks embedded and written per batch: large enough to keep both cores busy. */
  private static final int BATCH_CHUNKS = 256;

  private final Index index;
  private final Collection documents;
  private final Collection sources;
  private final Embedder embedder;
  private final Chunker chunker;
  private final Clock clock;

  public Ingestor(Index index, Embedder embedder, Chunker chunker, Clock clock) {
    this.index = Checks.notNull(index, "index");
    this.documents = index.collection(KnowledgeRecords.DOCUMENTS);
    this.sources = index.collection(KnowledgeRecords.SOURCES);
    this.embedder = Checks.notNull(embedder, "embedder");
    this.chunker = Checks.notNull(chunker, "chunker");
    this.clock = Checks.notNull(clock, "clock");
  }

  /**
   * Ingests files and folders (recursively) into the one knowledge base of {@code scope}. A path
   * that does not exist fails the whole call before anything is written; a file that cannot be
   * parsed is skipped with a reason.
   */
  public IngestReport ingest(Scope scope, List<Path> paths, IngestOptions options,
      IngestListener listener) {
    Checks.notNull(scope, "scope").requireOneKnowledgeBase("ingest");
    long t0 = System.nanoTime();
    Parsers parsers = new Parsers(options.maxFileBytes());
    List<IngestReport.Skipped> skipped = new ArrayList<>();
    List<Path> files = collectFiles(parsers, paths, skipped);
    int looked = files.size() + skipped.size(); // links not followed count as looked at
    listener.started(files.size());
    Batch batch = new Batch(scope);
    Counts counts = new Counts();
    for (Path file : files) {
      String name = file.toString();
      try {
        ingestFile(parsers, file, options, batch, counts);
      } catch (InvalidInputException e) {
        skipped.add(new IngestReport.Skipped(name, e.getMessage()));
      }
      if (batch.chunkCount >= BATCH_CHUNKS) {
        flush(batch, counts);
      }
      listener.fileDone(name);
    }
    flush(batch, counts);
    return new IngestReport(looked, counts.unchangedFiles, counts.added, counts.updated,
        counts.removed, counts.chunks, counts.embedded, skipped, counts.embedNanos, System.nanoTime() - t0);
  }

  private void ingestFile(
      Parsers parsers, Path file, IngestOptions options, Batch batch, Counts counts) {
    String fileId = file.toAbsolutePath().normalize().toString();
    String fileHash = Hashing.fileHash(file, options.metadata(), chunker.settingsKey());
    Scope scope = batch.scope;
    Optional<IndexRecord> known = sources.get(KnowledgeRecords.key(scope, fileId));
    if (known.isPresent() && known.get().keyword(KnowledgeRecords.HASH).orElse("").equals(fileHash)) {
      counts.unchangedFiles++;
      return;
    }
    SourceInfo info = new SourceInfo(Hashing.documentId(fileId), fileId, options.metadata());
    List<Document> docs = parsers.parse(file, info);
    Set<String> present = new HashSet<>();
    for (Document doc : docs) {
      present.add(doc.id());
      String docHash = Hashing.textHash(doc, chunker.settingsKey());
      Optional<IndexRecord> old = documents.get(KnowledgeRecords.key(scope, doc.id()));
      if (old.isPresent() && old.get().keyword(KnowledgeRecords.HASH).orElse("").equals(docHash)) {
        continue;
      }
      batch.add(new Pending(doc, fileId, docHash, chunker.chunk(doc), old.isPresent()));
      if (batch.chunkCount >= BATCH_CHUNKS) {
        // A large multi-document file is written in batches too. Its source record comes last,
        // so a crash mid-file makes the next ingest look at it again (skipping what is done).
        flush(batch, counts);
      }
    }
    // Records that vanished from a changed multi-document file (JSONL) go away with it.
    Filter ofFile = KnowledgeRecords.writeFilter(scope).and(KnowledgeRecords.FILE, fileId);
    for (IndexRecord old : documents.list(ofFile, Integer.MAX_VALUE)) {
      String id = old.keyword(KnowledgeRecords.DOC).orElseThrow();
      if (!present.contains(id)) {
        batch.removals.add(id);
      }
    }
    batch.sources.add(KnowledgeRecords.sourceRecord(scope, fileId, fileHash, docs.size(), clock.millis()));
  }

  private void flush(Batch batch, Counts counts) {
    if (batch.isEmpty()) {
      return;
    }
    List<String> texts = new ArrayList<>(batch.chunkCount);
    for (Pending p : batch.pending) {
      for (Chunk c : p.chunks()) {
        texts.add(KnowledgeRecords.indexedText(p.doc(), c));
      }
    }
    long t0 = System.nanoTime();
    long computedBefore = computed();
    List<float[]> vectors = embedder.embedDocuments(texts);
    counts.embedNanos += System.nanoTime() - t0;
    counts.embedded += computed() < 0 ? texts.size() : computed() - computedBefore;
    Scope scope = batch.scope;
    Filter kb = KnowledgeRecords.writeFilter(scope);
    WriteBatch.Builder write = WriteBatch.builder();
    List<IndexRecord> chunkRecords = new ArrayList<>(texts.size());
    List<IndexRecord> docRecords = new ArrayList<>(batch.pending.size());
    long now = clock.millis();
    int v = 0;
    int added = 0;
    int updated = 0;
    for (Pending p : batch.pending) {
      if (p.replacing()) {
        write.delete(KnowledgeRecords.CHUNKS, kb.and(KnowledgeRecords.DOC, p.doc().id()));
        updated++;
      } else {
        added++;
      }
      for (Chunk c : p.chunks()) {
        chunkRecords.add(KnowledgeRecords.chunkRecord(scope, p.doc(), p.file(), c, vectors.get(v++)));
      }
      docRecords.add(KnowledgeRecords.documentRecord(scope, p.doc(), p.file(), p.hash(),
          p.chunks().size(), now));
    }
    for (String id : batch.removals) {
      write.delete(KnowledgeRecords.CHUNKS, kb.and(KnowledgeRecords.DOC, id));
    }
    write.upsert(KnowledgeRecords.CHUNKS, chunkRecords)
        .deleteIds(KnowledgeRecords.DOCUMENTS,
            batch.removals.stream().map(id -> KnowledgeRecords.key(scope, id)).toList())
        .upsert(KnowledgeRecords.DOCUMENTS, docRecords)
        .upsert(KnowledgeRecords.SOURCES, batch.sources);
    index.write(write.build());
    counts.added += added;
    counts.updated += updated;
    counts.chunks += chunkRecords.size();
    counts.removed += batch.removals.size();
    batch.clear();
  }

  /**
   * Every file to look at; links inside folders that were not followed go to {@code skipped}. A
   * path that does not exist fails before anything is written.
   */
  private static List<Path> collectFiles(Parsers parsers, List<Path> paths,
      List<IngestReport.Skipped> skipped) {
    if (paths.isEmpty()) {
      throw new InvalidInputException(SourceErrors.NOTHING_TO_INGEST, "nothing to ingest: give one or more files or folders");
    }
    // Each file once, even when a folder and a file in it are both given.
    Map<Path, Path> files = new LinkedHashMap<>();
    for (Path p : paths) {
      Parsers.Listing listing = parsers.list(p);
      listing.files().forEach(f -> files.putIfAbsent(f.toAbsolutePath().normalize(), f));
      skipped.addAll(listing.skipped());
    }
    return new ArrayList<>(files.values());
  }

  /** Texts the embedder ran through its model so far, or -1 when it does not say. */
  private long computed() {
    return embedder instanceof EmbeddingStats stats ? stats.computed() : -1;
  }

  private record Pending(Document doc, String file, String hash, List<Chunk> chunks, boolean replacing) {}

  private static final class Batch {
    final Scope scope;
    final List<Pending> pending = new ArrayList<>();
    final List<String> removals = new ArrayList<>();
    final List<IndexRecord> sources = new ArrayList<>();
    int chunkCount;

    Batch(Scope scope) {
      this.scope = scope;
    }

    void add(Pending p) {
      pending.add(p);
      chunkCount += p.chunks().size();
    }

    boolean isEmpty() {
      return pending.isEmpty() && removals.isEmpty() && sources.isEmpty();
    }

    void clear() {
      pending.clear();
      removals.clear();
      sources.clear();
      chunkCount = 0;
    }
  }

  private static final class Counts {
    int unchangedFiles, added, updated, removed, chunks;
    long embedded, embedNanos;
  }

}
