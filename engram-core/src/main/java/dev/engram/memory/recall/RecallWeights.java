package dev.engram.memory.recall;

import dev.engram.common.Checks;

/**
 * The knobs of recall scoring and selection. {@link #defaults()} holds
 * the values in use; {@link #builder()} starts from them and changes a few. Each default says
 * what chose it: a LoCoMo measurement ({@code engram eval memory}, evidence recall@10) where one
 * exists, otherwise that it was chosen by hand.
 *
 * @param rrfK the rank constant of {@link dev.engram.retrieval.ReciprocalRankFusion}, 8 by
 *     default: commit 0d20f29 moved it from 60 to 8 together with BM25 without question words, the
 *     speaker factor and sliding windows, and LoCoMo evidence recall@10 went from 0.7816 to
 *     0.8316 (the share of k alone was not measured apart)
 * @param text weight of BM25 ranks; 1.0, not measured; chosen by hand (BM25 and vectors count
 *     the same)
 * @param dense weight of vector ranks; 1.0, not measured; chosen by hand
 * @param memory weight of memory hits relative to message hits; 0.5, lowered from 1.0 in commit
 *     8dbaf43 together with memories standing for their message and summaries left out, after
 *     which LoCoMo evidence recall@10 was 0.753 (no figure for 1.0 was recorded)
 * @param support share of a memory's relevance credited to the messages it came from, and back;
 *     0.5, not measured; chosen by hand
 * @param recency weight of recency in the final score (0 = ignore); 0.1, not measured; chosen by
 *     hand (it moves a score by at most 10%)
 * @param halfLifeDays age in days at which recency is 0.5, greater than 0; 365, not measured;
 *     chosen by hand
 * @param importance weight of importance in the final score (0 = ignore); 0.1, not measured;
 *     chosen by hand (it moves a score by at most 10%)
 * @param window neighbouring messages shown on each side of a recalled message (0 or more); 1,
 *     not measured; chosen by hand
 * @param pool hits taken from each search before fusion (at least 1; recall takes 3 k if more);
 *     50, not measured; chosen by hand
 * @param asked score factor of the messages of a question put to Engram (ask, chat): the
 *     question and Engram's answer, 0 to 1; 0.5. The answer only repeats what its context held
 *     and the question repeats the words of a later recall of it, so both match a query better
 *     than the user's own message that holds the fact, and they are newer. Chosen by hand: LoCoMo
 *     has no such turns; in {@code RememberedAnswersIT}, after six asks, the question turns
 *     scored up to 1.37 times the fact's message, so at 0.5 the fact ranks first with a margin,
 *     whatever the recency (which moves a score by at most 10%)
 */
public record RecallWeights(
    double rrfK, double text, double dense, double memory, double support, double recency,
    double halfLifeDays, double importance, int window, int pool, double asked) {

  public RecallWeights {
    Checks.atLeast(rrfK, 0, "rrfK");
    Checks.atLeast(text, 0, "text");
    Checks.atLeast(dense, 0, "dense");
    Checks.atLeast(memory, 0, "memory");
    Checks.atLeast(support, 0, "support");
    Checks.between(recency, 0, 1, "recency");
    // A half-life of 0 would make every age 0/0 or x/0 and recency NaN or 0.
    Checks.positive(halfLifeDays, "halfLifeDays");
    Checks.between(importance, 0, 1, "importance");
    Checks.atLeast(window, 0, "window");
    Checks.atLeast(pool, 1, "pool");
    Checks.between(asked, 0, 1, "asked");
  }

  /** The weights with asked turns at the default factor. */
  public RecallWeights(double rrfK, double text, double dense, double memory, double support,
      double recency, double halfLifeDays, double importance, int window, int pool) {
    this(rrfK, text, dense, memory, support, recency, halfLifeDays, importance, window, pool,
        DEFAULT_ASKED);
  }

  private static final double DEFAULT_ASKED = 0.5;

  /** The weights recall uses unless told otherwise (see each component for what chose it). */
  public static RecallWeights defaults() {
    return new RecallWeights(8, 1.0, 1.0, 0.5, 0.5, 0.1, 365, 0.1, 1, 50, DEFAULT_ASKED);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** A builder starting from these weights. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link RecallWeights}; each knob not set keeps the value the builder started from. */
  public static final class Builder {
    private double rrfK;
    private double text;
    private double dense;
    private double memory;
    private double support;
    private double recency;
    private double halfLifeDays;
    private double importance;
    private int window;
    private int pool;
    private double asked;

    private Builder(RecallWeights from) {
      this.rrfK = from.rrfK;
      this.text = from.text;
      this.dense = from.dense;
      this.memory = from.memory;
      this.support = from.support;
      this.recency = from.recency;
      this.halfLifeDays = from.halfLifeDays;
      this.importance = from.importance;
      this.window = from.window;
      this.pool = from.pool;
      this.asked = from.asked;
    }

    public Builder rrfK(double rrfK) {
      this.rrfK = rrfK;
      return this;
    }

    public Builder text(double text) {
      this.text = text;
      return this;
    }

    public Builder dense(double dense) {
      this.dense = dense;
      return this;
    }

    public Builder memory(double memory) {
      this.memory = memory;
      return this;
    }

    public Builder support(double support) {
      this.support = support;
      return this;
    }

    public Builder recency(double recency) {
      this.recency = recency;
      return this;
    }

    public Builder halfLifeDays(double halfLifeDays) {
      this.halfLifeDays = halfLifeDays;
      return this;
    }

    public Builder importance(double importance) {
      this.importance = importance;
      return this;
    }

    public Builder window(int window) {
      this.window = window;
      return this;
    }

    public Builder pool(int pool) {
      this.pool = pool;
      return this;
    }

    public Builder asked(double asked) {
      this.asked = asked;
      return this;
    }

    /** The weights; fails with {@link IllegalArgumentException} when one is out of range. */
    public RecallWeights build() {
      return new RecallWeights(
          rrfK, text, dense, memory, support, recency, halfLifeDays, importance, window, pool,
          asked);
    }
  }
}
