package dev.engram.retrieval;

import java.util.OptionalDouble;

/**
 * The score of each component behind a hit: the raw BM25 score and rank, the raw vector
 * similarity and rank (both 0-based, -1 when that retriever did not return the hit), and the
 * fused score the ranking used.
 */
public record Scores(double bm25, int bm25Rank, double dense, int denseRank, double fused) {

  public OptionalDouble bm25Score() {
    return bm25Rank < 0 ? OptionalDouble.empty() : OptionalDouble.of(bm25);
  }

  public OptionalDouble denseScore() {
    return denseRank < 0 ? OptionalDouble.empty() : OptionalDouble.of(dense);
  }
}
