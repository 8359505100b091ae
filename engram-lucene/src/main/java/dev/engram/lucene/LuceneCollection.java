package dev.engram.lucene;

import dev.engram.common.Checks;
import dev.engram.common.StorageException;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOUtils;

/**
 * One collection backed by its own Lucene index: one {@link IndexWriter} (thread-safe) and a
 * {@link SearcherManager} refreshed after each commit, so searches see exactly the committed
 * records and never reopen a reader per query.
 *
 * <p>Search hits carry an empty vector (reading vectors back is only worth it for {@link
 * #get}); {@link #get} and {@link #list} return stored vectors. Vector scores are Lucene's cosine
 * score {@code (1 + cos) / 2}.
 */
final class LuceneCollection implements Collection, Closeable {
  private final String name;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer;
  private final int dimension;
  private final int knnCandidates;

  LuceneCollection(String name, Directory directory, IndexWriter writer,
      SearcherManager searchers, Analyzer analyzer, int dimension, int knnCandidates) {
    this.name = name;
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
    this.analyzer = analyzer;
    this.dimension = dimension;
    this.knnCandidates = knnCandidates;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void upsert(List<IndexRecord> records) {
    // Convert everything first, so a bad record rejects the batch before anything is written.
    List<Document> docs = new ArrayList<>(records.size());
    for (IndexRecord record : records) {
      checkDimension(record.vector(), "record " + record.id());
      docs.add(RecordDocuments.toDocument(record));
    }
    try {
      for (int i = 0; i < docs.size(); i++) {
        writer.updateDocument(new Term(RecordDocuments.ID, records.get(i).id()), docs.get(i));
      }
    } catch (IOException e) {
      throw failure("write to", e);
    }
  }

  @Override
  public void delete(Filter filter) {
    try {
      writer.deleteDocuments(FilterQueries.orAll(filter));
    } catch (IOException e) {
      throw failure("delete from", e);
    }
  }

  @Override
  public void deleteIds(List<String> ids) {
    Term[] terms = ids.stream().map(id -> new Term(RecordDocuments.ID, id)).toArray(Term[]::new);
    try {
      writer.deleteDocuments(terms);
    } catch (IOException e) {
      throw failure("delete from", e);
    }
  }

  @Override
  public void commit() {
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw failure("commit", e);
    }
  }

  @Override
  public void purgeDeleted() {
    try {
      writer.commit();
      // Deleted documents live on in segment files until their segment is rewritten; the merge
      // policy allows 0% deletes, so this rewrites every segment that has any.
      writer.forceMergeDeletes(true);
      writer.commit();
      searchers.maybeRefreshBlocking();
      writer.deleteUnusedFiles();
    } catch (IOException e) {
      throw failure("purge deleted records of", e);
    }
  }

  @Override
  public List<IndexHit> searchText(String query, Filter filter, int k) {
    Checks.notBlank(query, "query");
    Checks.atLeast(k, 1, "k");
    Optional<Query> text = TextQueries.of(analyzer, RecordDocuments.TEXT, query);
    if (text.isEmpty()) {
      return List.of();
    }
    Optional<Query> restriction = FilterQueries.of(filter);
    Query full = restriction
        .<Query>map(f -> new BooleanQuery.Builder()
            .add(text.get(), Occur.MUST).add(f, Occur.FILTER).build())
        .orElse(text.get());
    return search(full, k);
  }

  @Override
  public List<IndexHit> searchVector(float[] vector, Filter filter, int k) {
    Checks.notNull(vector, "vector");
    Checks.atLeast(k, 1, "k");
    if (vector.length == 0) {
      throw new IllegalArgumentException("vector must not be empty");
    }
    checkDimension(vector, "query vector");
    Query query = new KnnFloatVectorQuery(RecordDocuments.VECTOR, vector,
        Math.max(k, knnCandidates), FilterQueries.of(filter).orElse(null));
    return search(query, k);
  }

  @Override
  public Optional<IndexRecord> get(String id) {
    Checks.notBlank(id, "id");
    List<IndexRecord> found = read(new TermQuery(new Term(RecordDocuments.ID, id)), 1);
    return found.stream().findFirst();
  }

  @Override
  public List<IndexRecord> list(Filter filter, int limit) {
    Checks.atLeast(limit, 1, "limit");
    return read(FilterQueries.orAll(filter), limit);
  }

  @Override
  public int count(Filter filter) {
    IndexSearcher searcher = acquire();
    try {
      return searcher.count(FilterQueries.orAll(filter));
    } catch (IOException e) {
      throw failure("search", e);
    } finally {
      release(searcher);
    }
  }

  /**
   * Waits for running merges, commits, and closes searchers, writer and directory, keeping the
   * first failure.
   */
  @Override
  public void close() throws IOException {
    IOUtils.close(searchers, writer, directory);
  }

  /** Merges the collection down to at most {@code segments} segments, for bulk loads. */
  void forceMerge(int segments) {
    try {
      writer.forceMerge(segments);
    } catch (IOException e) {
      throw failure("merge", e);
    }
  }

  private List<IndexHit> search(Query query, int k) {
    IndexSearcher searcher = acquire();
    try {
      TopDocs top = searcher.search(query, k);
      StoredFields stored = searcher.storedFields();
      List<IndexHit> hits = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc hit : top.scoreDocs) {
        IndexRecord record = RecordDocuments.toRecord(stored.document(hit.doc), new float[0]);
        hits.add(new IndexHit(record, hit.score, hits.size()));
      }
      return hits;
    } catch (IOException e) {
      throw failure("search", e);
    } finally {
      release(searcher);
    }
  }

  private List<IndexRecord> read(Query query, int limit) {
    IndexSearcher searcher = acquire();
    try {
      TopDocs top = searcher.search(query, limit, Sort.INDEXORDER);
      StoredFields stored = searcher.storedFields();
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      List<IndexRecord> records = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc hit : top.scoreDocs) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
        float[] vector = RecordDocuments.readVector(leaf.reader(), hit.doc - leaf.docBase);
        Document doc = stored.document(hit.doc);
        records.add(RecordDocuments.toRecord(doc, vector));
      }
      return records;
    } catch (IOException e) {
      throw failure("read", e);
    } finally {
      release(searcher);
    }
  }

  private void checkDimension(float[] vector, String what) {
    if (vector.length == 0) {
      return;
    }
    if (vector.length != dimension) {
      throw new IllegalArgumentException(what + " has " + vector.length
          + " dimensions but this index holds " + dimension + "-dimensional vectors");
    }
    boolean nonZero = false;
    for (float x : vector) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException(what + " has a non-finite value: " + x);
      }
      nonZero |= x != 0;
    }
    if (!nonZero) {
      // Cosine similarity is undefined for a zero vector and would poison the HNSW graph.
      throw new IllegalArgumentException(what + " is all zeros; cosine needs a non-zero vector");
    }
  }

  private IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw failure("search", e);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw failure("search", e);
    }
  }

  private StorageException failure(String action, IOException e) {
    return new StorageException(
        "Cannot " + action + " collection '" + name + "': " + e.getMessage(), e);
  }
}
