/**
 * Recall: hybrid (BM25 + vector) search over memories and the episode log of a scope, fused by
 * reciprocal rank, weighted by recency and importance, with episode hits widened to windows of
 * neighbouring messages and results that cover the same messages merged. The text search drops
 * question words; messages of a person the query names weigh a little more.
 */
package dev.engram.memory.recall;
