package dev.engram.memory.model;

import dev.engram.common.Scope;
import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.retrieval.SearchRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * What to recall: a query in a scope, the number of results, and optionally the time to look
 * back from ({@code asOf}: what was valid then) and whether superseded memories are included.
 * The query has 1 to {@link SearchRequest#MAX_QUERY_CHARS} characters, as for search.
 */
public record RecallQuery(
    Scope scope, String query, int k, Optional<Instant> asOf, boolean includeHistory) {

  /** Most results one recall returns. */
  public static final int MAX_K = 200;

  public RecallQuery {
    Checks.notNull(scope, "scope");
    Checks.notNull(query, "query");
    Checks.notNull(asOf, "asOf");
    if (query.isBlank()) {
      throw new InvalidInputException("ENGRAM-304", "the recall query is empty: give some words to recall");
    }
    if (query.length() > SearchRequest.MAX_QUERY_CHARS) {
      throw new InvalidInputException(
          "ENGRAM-402",
          "the recall query has " + query.length() + " characters; the limit is " + SearchRequest.MAX_QUERY_CHARS
              + ": shorten it to what you want recalled");
    }
    if (k < 1 || k > MAX_K) {
      throw new InvalidInputException("ENGRAM-305", "k must be between 1 and " + MAX_K + ", got: " + k);
    }
  }

  /** The 10 best live memories and messages for {@code query} in {@code scope}. */
  public static RecallQuery of(Scope scope, String query) {
    return new RecallQuery(scope, query, 10, Optional.empty(), false);
  }

  /** This query with another k. */
  public RecallQuery withK(int newK) {
    return new RecallQuery(scope, query, newK, asOf, includeHistory);
  }

  /** This query as of {@code time}. */
  public RecallQuery asOf(Instant time) {
    return new RecallQuery(scope, query, k, Optional.of(time), includeHistory);
  }

  /** This query including superseded memories. */
  public RecallQuery withHistory() {
    return new RecallQuery(scope, query, k, asOf, true);
  }
}
