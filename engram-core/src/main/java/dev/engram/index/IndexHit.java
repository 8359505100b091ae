package dev.engram.index;

/**
 * A record found by a search, with the score the index gave it (see {@link Collection} for the score
 * contract: BM25 for text search, cosine similarity for vector search) and its 0-based rank.
 */
public record IndexHit(IndexRecord record, float score, int rank) {}
