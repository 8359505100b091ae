package dev.engram.index;

import java.util.List;
import java.util.Optional;

/**
 * The read side of one named collection of an {@link Index}: knowledge chunks, memories,
 * episodes. Writes go through {@link Index#write}; a read sees every batch whose write returned.
 *
 * <p>Scores (the contract every backend keeps, pinned by {@code IndexContractTest}):
 *
 * <ul>
 *   <li>{@link #searchText}: BM25 with English analysis (k1 and b are the backend's), higher is
 *       better; only the order and the ratios within one result list are meaningful.
 *   <li>{@link #searchVector}: the cosine similarity of the query and the record's vector, {@code
 *       dot(q, v) / (|q| |v|)}, in [-1, 1]. Callers compare it across queries, so a backend that
 *       scores differently maps its score back to the cosine.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface Collection {

  /** The collection's name. */
  String name();

  /** BM25 search with English analysis, best first. Returns at most k hits. */
  List<IndexHit> searchText(String query, Filter filter, int k);

  /** Approximate nearest-neighbour search by cosine similarity, best first. */
  List<IndexHit> searchVector(float[] vector, Filter filter, int k);

  /** The record with this id, if any. */
  Optional<IndexRecord> get(String id);

  /** Every record matching the filter, ordered by id (ascending, by UTF-16 code unit), at most {@code limit}. */
  List<IndexRecord> list(Filter filter, int limit);

  /** The number of records matching the filter. */
  int count(Filter filter);
}
