/**
 * Long-term memory (MAG): remember messages into an episode log, extract candidate memories,
 * consolidate them against what is already known (bi-temporal, with an append-only history) and
 * recall them with hybrid search fused with recency and importance. {@link dev.engram.memory.Memories}
 * is the entry point.
 */
package dev.engram.memory;
