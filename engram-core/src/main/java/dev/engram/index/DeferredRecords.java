package dev.engram.index;

import java.util.List;

/**
 * An optional capability of a {@link Collection}: searches whose hits carry only their record's
 * id, and the records read afterwards by id. A caller that fuses many candidates and keeps few
 * (hybrid search fuses about 100 and returns 10) then reads the stored records of the few only;
 * in Lucene that is where a search spent its Java time, decompressing the stored fields of every
 * candidate (README, "bench server").
 *
 * <p>Scores and ranks are those of {@link Collection#searchText} and {@link
 * Collection#searchVector}; the hits' records have the id and nothing else (empty text, no
 * fields, no vector).
 */
public interface DeferredRecords {
  /** {@link Collection#searchText}, with id-only records. */
  List<IndexHit> searchTextIds(String query, Filter filter, int k);

  /** {@link Collection#searchVector}, with id-only records. */
  List<IndexHit> searchVectorIds(float[] vector, Filter filter, int k);

  /**
   * The records with these ids, without their vectors (as search hits carry them), in the order
   * given; an id with no record (deleted since the search) is left out.
   */
  List<IndexRecord> records(List<String> ids);

  /** The id-only record a hit of the id searches carries. */
  static IndexRecord idOnly(String id) {
    return new IndexRecord(id, "", new float[0], java.util.Map.of(), java.util.Map.of());
  }
}
