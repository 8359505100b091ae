package dev.engram.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A knowledge search: the query, how many hits, the mode ({@code hybrid}, {@code bm25} or {@code
 * dense}), the knowledge bases (empty: the default one) and exact-match metadata filters.
 */
public record SearchQuery(String query, int topK, String mode, List<String> kbs, Map<String, String> filters) {
  public SearchQuery {
    Checks.notBlank(query, "query");
    Checks.positive(topK, "topK");
    Checks.notBlank(mode, "mode");
    kbs = List.copyOf(kbs);
    filters = Map.copyOf(filters);
  }

  /** Ten hybrid hits from the default knowledge base. */
  public static SearchQuery of(String query) {
    return new SearchQuery(query, 10, "hybrid", List.of(), Map.of());
  }

  public SearchQuery withTopK(int k) {
    return new SearchQuery(query, k, mode, kbs, filters);
  }

  public SearchQuery withMode(String newMode) {
    return new SearchQuery(query, topK, newMode, kbs, filters);
  }

  public SearchQuery inKbs(List<String> newKbs) {
    return new SearchQuery(query, topK, mode, newKbs, filters);
  }

  public SearchQuery withFilter(String key, String value) {
    Map<String, String> f = new LinkedHashMap<>(filters);
    f.put(key, value);
    return new SearchQuery(query, topK, mode, kbs, f);
  }
}
