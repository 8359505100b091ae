package dev.engram.memory.model;

/**
 * The components of a recall score, so that every ranking can be explained and reproduced.
 *
 * @param text rank-fusion contribution of the BM25 search (0 when not found by it)
 * @param dense rank-fusion contribution of the vector search (0 when not found by it)
 * @param relevance text + dense (+ support from related results), normalised to the best (0..1)
 * @param recency decay by event time relative to now or as-of (1 = now, 0.5 = one half-life ago)
 * @param importance the memory's importance (0..1)
 * @param score the final score: relevance x recency factor x importance factor
 */
public record Scores(
    double text, double dense, double relevance, double recency, double importance, double score) {}
