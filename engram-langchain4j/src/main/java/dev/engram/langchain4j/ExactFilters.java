package dev.engram.langchain4j;

import dev.engram.common.InvalidInputException;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LangChain4j metadata filters as Engram's exact-match filters: {@code IsEqualTo}, a one-value
 * {@code IsIn}, and {@code And} of those. Engram's index matches keywords exactly and
 * conjunctively; any other filter is refused (ENGRAM-951) rather than half applied.
 */
final class ExactFilters {
  private ExactFilters() {}

  static Map<String, String> of(Filter filter) {
    Map<String, String> out = new LinkedHashMap<>();
    if (filter != null) {
      collect(filter, out);
    }
    return out;
  }

  private static void collect(Filter f, Map<String, String> out) {
    switch (f) {
      case And and -> {
        collect(and.left(), out);
        collect(and.right(), out);
      }
      case IsEqualTo eq -> out.put(eq.key(), String.valueOf(eq.comparisonValue()));
      case IsIn in when in.comparisonValues().size() == 1 ->
          out.put(in.key(), String.valueOf(in.comparisonValues().iterator().next()));
      default -> throw new InvalidInputException("ENGRAM-951", "Engram filters match metadata exactly:"
          + " use IsEqualTo, a one-value IsIn, and And of those; cannot apply " + f);
    }
  }
}
