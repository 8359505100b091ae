package dev.engram.index;

/**
 * A record found by a search, with the score the index gave it (BM25 score for text search,
 * cosine similarity mapped to [0, 1] for vector search) and its 0-based rank.
 */
public record IndexHit(IndexRecord record, float score, int rank) {}
