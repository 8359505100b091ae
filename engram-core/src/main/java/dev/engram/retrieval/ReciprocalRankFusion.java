package dev.engram.retrieval;

import dev.engram.common.Checks;

/**
 * Reciprocal-rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a hit at 0-based rank
 * {@code r} of one ranking adds {@code weight / (k + r + 1)} to its fused score, and the fused
 * score of a hit is the sum over the rankings that returned it. The rank constant {@code k} sets
 * how much the top ranks dominate: a small k favours what one ranking puts first, a large k
 * favours what several rankings agree on. Each user keeps its own k, measured for its data.
 *
 * @param k the rank constant (60 in the paper)
 */
public record ReciprocalRankFusion(double k) {

  public ReciprocalRankFusion {
    Checks.atLeast(k, 0, "k");
  }

  /** The share of fused score of a hit at 0-based {@code rank}, with weight 1. */
  public double score(int rank) {
    return score(rank, 1.0);
  }

  /** The share of fused score of a hit at 0-based {@code rank} of a ranking weighing {@code weight}. */
  public double score(int rank, double weight) {
    Checks.atLeast(rank, 0, "rank");
    return weight / (k + rank + 1);
  }
}
