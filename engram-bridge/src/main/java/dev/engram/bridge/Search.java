package dev.engram.bridge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A knowledge search: query, how many hits, mode ({@code hybrid}, {@code bm25} or {@code dense}),
 * knowledge bases (empty: the default one) and exact-match metadata filters (all must hold).
 */
public record Search(String query, int k, String mode, List<String> kbs, Map<String, String> filters) {
  public Search {
    Objects.requireNonNull(query, "query");
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got: " + k);
    }
    Objects.requireNonNull(mode, "mode");
    kbs = List.copyOf(kbs);
    filters = Map.copyOf(filters);
  }

  public static Search of(String query, int k) {
    return new Search(query, k, "hybrid", List.of(), Map.of());
  }
}
