package dev.engram.memory.recall;

import dev.engram.common.Checks;

/**
 * The knobs of recall scoring, with measured defaults ({@link #defaults()}).
 *
 * @param rrfK the rank constant of {@link dev.engram.retrieval.ReciprocalRankFusion}, 8 by
 *     default: commit 0d20f29 moved it from 60 to 8 together with BM25 without question words, the
 *     speaker factor and sliding windows, and LoCoMo evidence recall@10 went from 0.7816 to
 *     0.8316 (the share of k alone was not measured apart)
 * @param text weight of BM25 ranks
 * @param dense weight of vector ranks
 * @param memory weight of memory hits relative to message hits
 * @param support share of a memory's relevance credited to the messages it came from, and back
 * @param recency weight of recency in the final score (0 = ignore)
 * @param halfLifeDays age at which recency is 0.5
 * @param importance weight of importance in the final score (0 = ignore)
 * @param window neighbouring messages shown on each side of a recalled message (0 or 1)
 * @param pool hits taken from each search before fusion
 */
public record RecallWeights(
    double rrfK, double text, double dense, double memory, double support, double recency,
    double halfLifeDays, double importance, int window, int pool) {

  public RecallWeights {
    Checks.between(recency, 0, 1, "recency");
    Checks.between(importance, 0, 1, "importance");
    Checks.atLeast(window, 0, "window");
    Checks.atLeast(pool, 1, "pool");
  }

  public static RecallWeights defaults() {
    return new RecallWeights(8, 1.0, 1.0, 0.5, 0.5, 0.1, 365, 0.1, 1, 50);
  }
}
