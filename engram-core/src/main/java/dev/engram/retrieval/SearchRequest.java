package dev.engram.retrieval;

import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.index.Filter;

/**
 * A knowledge search.
 *
 * @param query the user's words; 1 to {@value #MAX_QUERY_CHARS} characters
 * @param k how many hits to return
 * @param mode which retriever(s) to use
 * @param filter exact-match metadata filter
 * @param candidates how deep each retriever looks before fusion (at least k)
 */
public record SearchRequest(String query, int k, SearchMode mode, Filter filter, int candidates) {
  /** Longer queries are refused: they are almost always a pasted document by mistake. */
  public static final int MAX_QUERY_CHARS = 4_000;

  public SearchRequest {
    Checks.notNull(query, "query");
    if (query.isBlank()) {
      throw new InvalidInputException("ENGRAM-401", "the query is empty: give some words to search for");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      throw new InvalidInputException(
          "ENGRAM-402",
          "the query has " + query.length() + " characters; the limit is " + MAX_QUERY_CHARS
              + ": shorten it to the question you want answered");
    }
    Checks.atLeast(k, 1, "k");
    Checks.notNull(mode, "mode");
    Checks.notNull(filter, "filter");
    candidates = Math.max(candidates, k);
  }

  /** A hybrid search for the top k with no filter and the default candidate depth. */
  public static SearchRequest of(String query, int k) {
    return new SearchRequest(query, k, SearchMode.HYBRID, Filter.all(), defaultCandidates(k));
  }

  public SearchRequest withMode(SearchMode newMode) {
    return new SearchRequest(query, k, newMode, filter, candidates);
  }

  public SearchRequest withFilter(Filter newFilter) {
    return new SearchRequest(query, k, mode, newFilter, candidates);
  }

  public SearchRequest withCandidates(int newCandidates) {
    return new SearchRequest(query, k, mode, filter, newCandidates);
  }

  /**
   * The candidate depth used when none is given: enough for fusion to see past the top k. 50 and
   * 3 k were not measured; chosen by hand.
   */
  public static int defaultCandidates(int k) {
    return Math.max(50, 3 * k);
  }
}
