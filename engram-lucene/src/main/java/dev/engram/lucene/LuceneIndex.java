package dev.engram.lucene;

import dev.engram.common.Checks;
import dev.engram.common.StorageException;
import dev.engram.index.Collection;
import dev.engram.index.Index;
import dev.engram.common.VectorSpace;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
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
 * The embedded index: one Lucene index per collection under {@code dir/<collection>}, plus
 * {@code dir/vector-space.properties} naming the embedding model. BM25 uses k1=0.9, b=0.4
 * (Anserini's settings); vectors live in an HNSW graph built with {@link LuceneOptions}.
 *
 * <p>Search hits carry an empty vector; {@code get} and {@code list} read stored vectors back
 * from the HNSW field. Vector scores are Lucene's cosine score {@code (1 + cos) / 2}, in [0, 1].
 * Bulk loads: call {@code upsert} from several threads (each writer thread builds its own segment
 * graph), commit, then {@link #optimize} to merge graphs with {@link LuceneOptions#mergeWorkers()}
 * threads.
 *
 * <p>Thread-safe: any number of searches run alongside writes. Commits are fsync'd, so a record
 * whose commit returned survives a crash, and an interrupted write leaves the last commit intact.
 */
public final class LuceneIndex implements Index {
  private static final Pattern COLLECTION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Similarity BM25 = new BM25Similarity(0.9f, 0.4f);

  private final Path dir;
  private final VectorSpace space;
  private final LuceneOptions options;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ExecutorService mergeWorkers = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, LuceneCollection> collections = new ConcurrentHashMap<>();
  private boolean closed;

  private LuceneIndex(Path dir, VectorSpace space, LuceneOptions options) {
    this.dir = dir;
    this.space = space;
    this.options = options;
  }

  /** Opens or creates the index in {@code dir} with {@link LuceneOptions#defaults()}. */
  public static LuceneIndex open(Path dir, VectorSpace space) {
    return open(dir, space, LuceneOptions.defaults());
  }

  /**
   * Opens or creates the index in {@code dir}.
   *
   * @throws StorageException ENGRAM-501 when {@code dir} holds vectors of another model
   */
  public static LuceneIndex open(Path dir, VectorSpace space, LuceneOptions options) {
    Checks.notNull(dir, "dir");
    Checks.notNull(space, "space");
    Checks.notNull(options, "options");
    VectorSpaceFile.claim(dir, space);
    return new LuceneIndex(dir, space, options);
  }

  @Override
  public Collection collection(String name) {
    return luceneCollection(name);
  }

  @Override
  public VectorSpace vectorSpace() {
    return space;
  }

  /**
   * Merges a collection down to one segment (one HNSW graph), using {@link
   * LuceneOptions#mergeWorkers()} threads, then commits. Worth it after a bulk load: searching
   * one graph is faster than several.
   */
  public void optimize(String collection) {
    LuceneCollection target = luceneCollection(collection);
    target.forceMerge(1);
    target.commit();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Closeable> all = new ArrayList<>(collections.values());
    all.add(analyzer);
    all.add(mergeWorkers::close);
    try {
      IOUtils.close(all);
    } catch (IOException e) {
      throw new StorageException("Cannot close the index in " + dir + ": " + e.getMessage(), e);
    } finally {
      collections.clear();
    }
  }

  private LuceneCollection luceneCollection(String name) {
    Checks.notBlank(name, "name");
    if (!COLLECTION_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("collection name must match " + COLLECTION_NAME
          + " (it is a directory name), got: " + name);
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The index in " + dir + " is closed");
      }
      return collections.computeIfAbsent(name, this::openCollection);
    }
  }

  private LuceneCollection openCollection(String name) {
    Path path = dir.resolve(name);
    Directory directory = null;
    IndexWriter writer = null;
    try {
      directory = FSDirectory.open(path);
      writer = new IndexWriter(directory, writerConfig());
      SearcherManager searchers = new SearcherManager(writer, new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(
            org.apache.lucene.index.IndexReader reader,
            org.apache.lucene.index.IndexReader previous) {
          IndexSearcher searcher = new IndexSearcher(reader);
          searcher.setSimilarity(BM25);
          return searcher;
        }
      });
      return new LuceneCollection(name, directory, writer, searchers, analyzer, space.dimension(),
          options.knnCandidates());
    } catch (LockObtainFailedException e) {
      IOUtils.closeWhileHandlingException(writer, directory);
      throw new StorageException("ENGRAM-502", "The data directory " + path
          + " is in use by another Engram process; stop it or use another --data.");
    } catch (IOException e) {
      IOUtils.closeWhileHandlingException(writer, directory);
      throw new StorageException("Cannot open collection " + path + ": " + e.getMessage(), e);
    }
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
