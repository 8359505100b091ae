package dev.engram.lucene;

import dev.engram.common.Checks;
import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import dev.engram.index.Collection;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.PhysicalErase;
import dev.engram.index.Revision;
import dev.engram.index.Revisions;
import dev.engram.index.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOUtils;

/**
 * The embedded index: one Lucene index under {@code dir/store} holds every collection (each
 * with its own text and vector fields, see {@link RecordDocuments}), plus {@code
 * dir/vector-space.properties} naming the embedding model. BM25 uses k1=0.9, b=0.4 (Anserini's
 * settings); vectors live in HNSW graphs built with {@link LuceneOptions}.
 *
 * <p>One index means one commit per {@link #write}: a batch is durable as a unit (fsync'd), and
 * a crash leaves the last commit intact. A batch that fails part-way is rolled back, so nothing
 * of it is stored. Batches apply one at a time; searches run beside them and see each batch once
 * its write returned.
 *
 * <p>Opened {@linkplain #open(Path, VectorSpace, LuceneOptions, boolean) read-only}, it takes no
 * lock and follows the commits of the process that writes. A data directory of the earlier
 * layout (one Lucene index per collection) is moved into the single index on first open for
 * writing, record for record.
 *
 * <p>Thread-safe.
 */
public final class LuceneIndex implements Index, PhysicalErase {
  static final String STORE = "store";
  private static final Pattern COLLECTION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Similarity BM25 = new BM25Similarity(0.9f, 0.4f);

  private final Path dir;
  private final VectorSpace space;
  private final LuceneOptions options;
  private final boolean readOnly;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ExecutorService mergeWorkers = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, LuceneCollection> collections = new ConcurrentHashMap<>();
  private final ReentrantLock writes = new ReentrantLock();
  /** Guard keys: only this process writes the index (WriterLock), so they live in memory. */
  private final Revisions revisions = new Revisions();
  private final Directory directory;
  private IndexWriter writer;
  private final Searchers searchers;
  private boolean closed;

  private LuceneIndex(Path dir, VectorSpace space, LuceneOptions options, boolean readOnly,
      Directory directory) throws IOException {
    this.dir = dir;
    this.space = space;
    this.options = options;
    this.readOnly = readOnly;
    this.directory = directory;
    if (readOnly) {
      this.searchers = new Searchers(new SearcherManager(directory, searcherFactory()), true);
    } else {
      this.writer = newWriter();
      this.searchers = new Searchers(new SearcherManager(writer, searcherFactory()), false);
    }
  }

  /** Opens or creates the index in {@code dir} for writing, with {@link LuceneOptions#defaults()}. */
  public static LuceneIndex open(Path dir, VectorSpace space) {
    return open(dir, space, LuceneOptions.defaults(), false);
  }

  /**
   * Opens or creates the index in {@code dir}.
   *
   * @param readOnly open without the write lock, following another process's commits
   * @throws StorageException ENGRAM-501 when {@code dir} holds vectors of another model, ENGRAM-502
   *     when another process holds the write lock
   */
  public static LuceneIndex open(Path dir, VectorSpace space, LuceneOptions options,
      boolean readOnly) {
    return open(dir, space, options, readOnly, UnaryOperator.identity());
  }

  /** As {@link #open(Path, VectorSpace, LuceneOptions, boolean)}, with the directory wrapped (tests inject failures). */
  static LuceneIndex open(Path dir, VectorSpace space, LuceneOptions options, boolean readOnly,
      UnaryOperator<Directory> wrap) {
    Checks.notNull(dir, "dir");
    Checks.notNull(space, "space");
    Checks.notNull(options, "options");
    VectorSpaceFile.claim(dir, space);
    Path store = dir.resolve(STORE);
    Directory directory = null;
    try {
      directory = wrap.apply(FSDirectory.open(store));
      if (readOnly && (LegacyLayout.present(dir) || !DirectoryReader.indexExists(directory))) {
        // Nothing to follow yet (a new directory, or one still in the old layout): create or
        // upgrade it once with a writer, then read.
        open(dir, space, options, false).close();
      }
      LuceneIndex index = new LuceneIndex(dir, space, options, readOnly, directory);
      if (!readOnly) {
        LegacyLayout.migrate(dir, index);
      }
      return index;
    } catch (LockObtainFailedException e) {
      IOUtils.closeWhileHandlingException(directory);
      throw new StorageException("ENGRAM-502", "The data directory " + dir.getParent()
          + " is being written by " + WriterLock.holder(store) + ". Stop that process (or wait"
          + " for it to finish) before writing; commands that only read work beside it.");
    } catch (IOException e) {
      IOUtils.closeWhileHandlingException(directory);
      throw new StorageException("Cannot open the index in " + store + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Collection collection(String name) {
    Checks.notBlank(name, "name");
    if (!COLLECTION_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("collection name must match " + COLLECTION_NAME
          + ", got: " + name);
    }
    return collections.computeIfAbsent(name,
        n -> new LuceneCollection(n, searchers, analyzer, space.dimension(), options.knnCandidates()));
  }

  @Override
  public VectorSpace vectorSpace() {
    return space;
  }

  @Override
  public void write(WriteBatch batch) {
    Checks.notNull(batch, "batch");
    if (readOnly) {
      throw new StorageException("ENGRAM-503", "The index in " + dir
          + " is open read-only; open it for writing to change it");
    }
    if (batch.isEmpty()) {
      return;
    }
    LuceneBatch prepared = LuceneBatch.prepare(batch, space.dimension());
    writes.lock();
    try {
      ensureOpen();
      revisions.check(batch);
      try {
        prepared.applyTo(writer);
        writer.commit();
      } catch (IOException | RuntimeException e) {
        rollBack(e);
        throw e instanceof RuntimeException r ? r
            : new StorageException("Cannot write to the index in " + dir + ": " + e.getMessage(), e);
      }
      revisions.advance(batch);
      refresh();
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Revision revision(String key) {
    Checks.notBlank(key, "key");
    return revisions.current(key);
  }

  /**
   * Rewrites every segment that holds deleted records, so that erased data leaves no trace in
   * the index files.
   */
  @Override
  public void purgeDeleted() {
    writes.lock();
    try {
      ensureWritable();
      // Deleted documents live on in segment files until their segment is rewritten; the merge
      // policy allows 0% deletes, so this rewrites every segment that has any.
      writer.forceMergeDeletes(true);
      writer.commit();
      refresh();
      writer.deleteUnusedFiles();
    } catch (IOException e) {
      throw new StorageException("Cannot purge deleted records in " + dir + ": " + e.getMessage(), e);
    } finally {
      writes.unlock();
    }
  }

  /**
   * Merges the index down to one segment (one HNSW graph per vector field), using {@link
   * LuceneOptions#mergeWorkers()} threads, then commits. Worth it after a bulk load: searching
   * one graph is faster than several.
   */
  public void optimize() {
    writes.lock();
    try {
      ensureWritable();
      writer.forceMerge(1);
      writer.commit();
      refresh();
    } catch (IOException e) {
      throw new StorageException("Cannot merge the index in " + dir + ": " + e.getMessage(), e);
    } finally {
      writes.unlock();
    }
  }

  /**
   * Bulk loading: upserts records without committing, from any number of threads at once (each
   * thread builds its own segment and HNSW graph, which {@link #commitBulk} and {@link #optimize}
   * then make durable and merge). Not atomic: use it only while nothing else writes, as a
   * benchmark or a one-off import does; a failing {@link #write} meanwhile would discard it.
   */
  public void bulkAdd(String collection, List<IndexRecord> records) {
    ensureWritable();
    WriteBatch batch = WriteBatch.builder().upsert(collection, records).build();
    try {
      LuceneBatch.prepare(batch, space.dimension()).applyTo(writer);
    } catch (IOException e) {
      throw new StorageException("Cannot write to the index in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Makes what {@link #bulkAdd} added durable and visible. */
  public void commitBulk() {
    writes.lock();
    try {
      ensureWritable();
      writer.commit();
      refresh();
    } catch (IOException e) {
      throw new StorageException("Cannot commit the index in " + dir + ": " + e.getMessage(), e);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public void close() {
    writes.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      List<AutoCloseable> all = new ArrayList<>();
      all.add(searchers.manager());
      if (writer != null) {
        // before the writer lets go of the lock, so that a next writer's record is not deleted
        all.add(() -> WriterLock.release(dir.resolve(STORE)));
        all.add(writer);
      }
      all.add(directory);
      all.add(analyzer);
      all.add(mergeWorkers::close);
      closeAll(all);
    } finally {
      collections.clear();
      writes.unlock();
    }
  }

  private void closeAll(List<AutoCloseable> all) {
    StorageException first = null;
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = new StorageException("Cannot close the index in " + dir + ": " + e.getMessage(), e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The index in " + dir + " is closed");
    }
  }

  private void ensureWritable() {
    ensureOpen();
    if (readOnly) {
      throw new StorageException("ENGRAM-503", "The index in " + dir
          + " is open read-only; open it for writing to change it");
    }
  }

  private void refresh() {
    try {
      searchers.refresh();
    } catch (IOException e) {
      throw new StorageException("Cannot refresh the searcher of " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Discards the failed batch (everything since the last commit, which is only this batch because
   * batches apply one at a time) and opens a fresh writer for the next one.
   */
  private void rollBack(Exception cause) {
    try {
      writer.rollback();
      writer = newWriter();
      SearcherManager old = searchers.replace(new SearcherManager(writer, searcherFactory()));
      old.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
      closed = true;
    }
  }

  private IndexWriter newWriter() throws IOException {
    IndexWriter w = new IndexWriter(directory, writerConfig());
    WriterLock.claim(dir.resolve(STORE));
    if (!DirectoryReader.indexExists(directory)) {
      w.commit(); // an empty first commit, so that read-only opens find an index
    }
    return w;
  }

  private static SearcherFactory searcherFactory() {
    return new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(BM25);
        return searcher;
      }
    };
  }

  private IndexWriterConfig writerConfig() {
    KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(options.maxConn(), options.beamWidth(),
        options.mergeWorkers(), options.mergeWorkers() > 1 ? mergeWorkers : null);
    IndexWriterConfig config = new IndexWriterConfig(analyzer);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setSimilarity(BM25);
    config.setRAMBufferSizeMB(options.ramBufferMb());
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setForceMergeDeletesPctAllowed(0.0); // purgeDeleted must leave no deleted record behind
    config.setMergePolicy(merges);
    config.setCodec(new Lucene103Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return hnsw;
      }
    });
    return config;
  }
}
