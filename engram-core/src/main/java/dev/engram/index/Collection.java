package dev.engram.index;

import java.util.List;
import java.util.Optional;

/**
 * One named collection of an {@link Index}: knowledge chunks, memories, episodes. Writes become
 * visible to searches after {@link #commit()}, which is also the durability point: a commit that
 * returned survives a crash.
 */
public interface Collection {

  /** The collection's name. */
  String name();

  /** Adds or replaces records by id. */
  void upsert(List<IndexRecord> records);

  /** Deletes every record matching the filter. */
  void delete(Filter filter);

  /** Deletes the records with these ids. */
  void deleteIds(List<String> ids);

  /** Makes pending writes durable and visible. */
  void commit();

  /**
   * Rewrites storage so deleted records leave no trace in files (for erasing a user). Commits
   * pending writes first; may take time proportional to the collection's size.
   */
  void purgeDeleted();

  /** BM25 search with English analysis, best first. Returns at most k hits. */
  List<IndexHit> searchText(String query, Filter filter, int k);

  /** Approximate nearest-neighbour search by cosine similarity, best first. */
  List<IndexHit> searchVector(float[] vector, Filter filter, int k);

  /** The record with this id, if any. */
  Optional<IndexRecord> get(String id);

  /** Every record matching the filter, in index order, at most {@code limit}. */
  List<IndexRecord> list(Filter filter, int limit);

  /** The number of live records matching the filter. */
  int count(Filter filter);
}
