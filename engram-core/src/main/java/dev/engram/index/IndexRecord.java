package dev.engram.index;

import dev.engram.common.Checks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a collection: an id unique in its collection, a text searched with BM25, an
 * optional embedding of that text, keyword fields (exact match, multi-valued, stored) and long
 * fields (range filters, stored).
 *
 * @param id unique within the collection; upserting the same id replaces the record
 * @param text the searchable text (stored and analysed)
 * @param vector the embedding of {@code text}; empty array when the record has none
 * @param keywords exact-match fields, each with one or more values
 * @param longs numeric fields usable in range filters (times in epoch milliseconds)
 */
public record IndexRecord(
    String id,
    String text,
    float[] vector,
    Map<String, List<String>> keywords,
    Map<String, Long> longs) {

  public IndexRecord {
    Checks.notBlank(id, "id");
    Checks.notNull(text, "text");
    Checks.notNull(vector, "vector");
    keywords = Map.copyOf(Checks.notNull(keywords, "keywords"));
    longs = Map.copyOf(Checks.notNull(longs, "longs"));
  }

  /** The first value of a keyword field, if present. */
  public Optional<String> keyword(String name) {
    List<String> values = keywords.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** All values of a keyword field; empty when absent. */
  public List<String> keywordValues(String name) {
    return keywords.getOrDefault(name, List.of());
  }

  /** A long field, if present. */
  public Optional<Long> longValue(String name) {
    return Optional.ofNullable(longs.get(name));
  }

  public boolean hasVector() {
    return vector.length > 0;
  }
}
