package dev.engram.lucene;

import dev.engram.common.Vectors;
import dev.engram.common.Checks;
import dev.engram.common.StorageException;
import dev.engram.index.Collection;
import dev.engram.index.DeferredRecords;
import dev.engram.index.Filter;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import dev.engram.index.KeywordValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The read view of one collection of a {@link LuceneIndex}: every query is restricted to the
 * collection's records, and text and vector queries run on the collection's own fields.
 *
 * <p>Search hits carry an empty vector (reading vectors back is only worth it for {@link #get}
 * and {@link #list}). Vector scores are the cosine: Lucene scores cosine as {@code (1 + cos) /
 * 2}, and this view maps it back, as the seam's contract says.
 */
final class LuceneCollection implements Collection, KeywordValues, DeferredRecords {
  private static final Sort BY_ID = new Sort(new SortedSetSortField(RecordDocuments.ID, false));

  private final String name;
  private final Searchers searchers;
  private final Analyzer analyzer;
  private final int dimension;
  private final int knnCandidates;

  LuceneCollection(String name, Searchers searchers, Analyzer analyzer, int dimension,
      int knnCandidates) {
    this.name = name;
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
  public List<IndexHit> searchText(String query, Filter filter, int k) {
    Checks.notBlank(query, "query");
    Checks.atLeast(k, 1, "k");
    return textQuery(query, filter).map(q -> search(q, k, false)).orElse(List.of());
  }

  @Override
  public List<IndexHit> searchTextIds(String query, Filter filter, int k) {
    Checks.notBlank(query, "query");
    Checks.atLeast(k, 1, "k");
    return textQuery(query, filter).map(q -> searchIds(q, k, false)).orElse(List.of());
  }

  /** The BM25 query, restricted by the filter; empty when the query has no term left after analysis. */
  private Optional<Query> textQuery(String query, Filter filter) {
    Optional<Query> text = TextQueries.of(analyzer, RecordDocuments.textField(name), query);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    // The text field is the collection's own: no collection clause is needed.
    Optional<Query> restriction = FilterQueries.of(name, filter);
    return Optional.of(restriction
        .<Query>map(f -> new BooleanQuery.Builder()
            .add(text.get(), Occur.MUST).add(f, Occur.FILTER).build())
        .orElse(text.get()));
  }

  @Override
  public List<IndexHit> searchVector(float[] vector, Filter filter, int k) {
    return search(vectorQuery(vector, filter, k), k, true);
  }

  @Override
  public List<IndexHit> searchVectorIds(float[] vector, Filter filter, int k) {
    return searchIds(vectorQuery(vector, filter, k), k, true);
  }

  private Query vectorQuery(float[] vector, Filter filter, int k) {
    Checks.notNull(vector, "vector");
    Checks.atLeast(k, 1, "k");
    if (vector.length == 0) {
      throw new IllegalArgumentException("vector must not be empty");
    }
    Vectors.checkIndexable(vector, dimension, "query vector");
    // The collection's own vector field already holds only its records; the collection term
    // keeps the filter's bit set (and Lucene's estimate of its cost) to them too. Without it a
    // filter on tenant and user also matched the history and episodes of the user, and LoCoMo
    // recall p95 rose from 15.4 to 18.2 ms.
    return new KnnFloatVectorQuery(RecordDocuments.vectorField(name), vector,
        Math.max(k, knnCandidates),
        filter.isAll() ? null : FilterQueries.inCollection(name, filter));
  }

  @Override
  public List<IndexRecord> records(List<String> ids) {
    Checks.notNull(ids, "ids");
    if (ids.isEmpty()) {
      return List.of();
    }
    List<BytesRef> keys = ids.stream().map(id -> RecordDocuments.key(name, Checks.notBlank(id, "id")).bytes()).toList();
    IndexSearcher searcher = searchers.acquire();
    try {
      // A seek per id and segment in the key terms: what a TermQuery does, without building and
      // scoring a query (a TermInSetQuery search took as long as reading the stored records).
      List<Integer> docs = new ArrayList<>(ids.size());
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Terms terms = leaf.reader().terms(RecordDocuments.KEY);
        if (terms == null) {
          continue;
        }
        TermsEnum it = terms.iterator();
        Bits live = leaf.reader().getLiveDocs();
        PostingsEnum postings = null;
        for (BytesRef key : keys) {
          if (it.seekExact(key)) {
            postings = it.postings(postings, PostingsEnum.NONE);
            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
              if (live == null || live.get(d)) {
                docs.add(leaf.docBase + d);
              }
            }
          }
        }
      }
      StoredFields stored = searcher.storedFields();
      Map<String, IndexRecord> byId = new HashMap<>();
      // In doc order: records of one compressed block are read from the block decompressed once.
      docs.sort(null);
      for (int doc : docs) {
        IndexRecord r = RecordDocuments.toRecord(stored.document(doc), new float[0], false);
        byId.put(r.id(), r);
      }
      List<IndexRecord> records = new ArrayList<>(byId.size());
      for (String id : ids) {
        IndexRecord r = byId.get(id);
        if (r != null) {
          records.add(r);
        }
      }
      return records;
    } catch (IOException e) {
      throw failure("read", e);
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public Optional<IndexRecord> get(String id) {
    Checks.notBlank(id, "id");
    List<IndexRecord> found = read(new TermQuery(RecordDocuments.key(name, id)), 1);
    return found.stream().findFirst();
  }

  @Override
  public List<IndexRecord> list(Filter filter, int limit) {
    Checks.atLeast(limit, 1, "limit");
    return read(FilterQueries.inCollection(name, filter), limit);
  }

  @Override
  public int count(Filter filter) {
    IndexSearcher searcher = searchers.acquire();
    try {
      return searcher.count(FilterQueries.inCollection(name, filter));
    } catch (IOException e) {
      throw failure("search", e);
    } finally {
      searchers.release(searcher);
    }
  }

  /** The terms of the field's postings: one seek per value, no stored record is read. */
  @Override
  public List<String> values(String field, int limit) {
    Checks.notBlank(field, "field");
    Checks.atLeast(limit, 1, "limit");
    IndexSearcher searcher = searchers.acquire();
    try {
      Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), RecordDocuments.keywordField(name, field));
      List<String> values = new ArrayList<>();
      if (terms == null) {
        return values;
      }
      TermsEnum it = terms.iterator();
      for (BytesRef term = it.next(); term != null && values.size() < limit; term = it.next()) {
        values.add(term.utf8ToString());
      }
      return values;
    } catch (IOException e) {
      throw failure("read the values of " + field + " in", e);
    } finally {
      searchers.release(searcher);
    }
  }

  private List<IndexHit> search(Query query, int k, boolean cosine) {
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs top = searcher.search(query, k);
      StoredFields stored = searcher.storedFields();
      List<IndexHit> hits = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc hit : top.scoreDocs) {
        IndexRecord record = RecordDocuments.toRecord(stored.document(hit.doc), new float[0], false);
        float score = cosine ? 2 * hit.score - 1 : hit.score;
        hits.add(new IndexHit(record, score, hits.size()));
      }
      return hits;
    } catch (IOException e) {
      throw failure("search", e);
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * Hits with id-only records: each id comes from the id field's doc values (one terms-dictionary
   * block per lookup) instead of the stored record (a compressed block of stored fields each).
   */
  private List<IndexHit> searchIds(Query query, int k, boolean cosine) {
    IndexSearcher searcher = searchers.acquire();
    try {
      ScoreDoc[] top = searcher.search(query, k).scoreDocs;
      Map<Integer, String> ids = new HashMap<>();
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      LeafReaderContext leaf = null;
      SortedSetDocValues values = null;
      // Doc values iterate forwards only: visit the hits in doc order, a fresh iterator per segment.
      for (ScoreDoc hit : sortedByDoc(top)) {
        LeafReaderContext at = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
        if (at != leaf) {
          leaf = at;
          values = DocValues.getSortedSet(leaf.reader(), RecordDocuments.ID);
        }
        ids.put(hit.doc, values.advanceExact(hit.doc - leaf.docBase)
            ? values.lookupOrd(values.nextOrd()).utf8ToString()
            : searcher.storedFields().document(hit.doc).get(RecordDocuments.ID));
      }
      List<IndexHit> hits = new ArrayList<>(top.length);
      for (ScoreDoc hit : top) {
        float score = cosine ? 2 * hit.score - 1 : hit.score;
        hits.add(new IndexHit(DeferredRecords.idOnly(ids.get(hit.doc)), score, hits.size()));
      }
      return hits;
    } catch (IOException e) {
      throw failure("search", e);
    } finally {
      searchers.release(searcher);
    }
  }

  private static ScoreDoc[] sortedByDoc(ScoreDoc[] hits) {
    ScoreDoc[] byDoc = hits.clone();
    Arrays.sort(byDoc, (a, b) -> Integer.compare(a.doc, b.doc));
    return byDoc;
  }

  private List<IndexRecord> read(Query query, int limit) {
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs top = searcher.search(query, limit, BY_ID);
      StoredFields stored = searcher.storedFields();
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      String vectorField = RecordDocuments.vectorField(name);
      List<IndexRecord> records = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc hit : top.scoreDocs) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
        float[] vector = RecordDocuments.readVector(leaf.reader(), vectorField, hit.doc - leaf.docBase);
        Document doc = stored.document(hit.doc);
        records.add(RecordDocuments.toRecord(doc, vector, false));
      }
      return records;
    } catch (IOException e) {
      throw failure("read", e);
    } finally {
      searchers.release(searcher);
    }
  }

  private StorageException failure(String action, IOException e) {
    return new StorageException(
        "Cannot " + action + " collection '" + name + "': " + e.getMessage(), e);
  }
}
