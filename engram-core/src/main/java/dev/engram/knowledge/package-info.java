/**
 * Knowledge ingest: files are parsed into {@link dev.engram.knowledge.Document}s, split into
 * token-sized {@link dev.engram.knowledge.Chunk}s with exact character offsets, embedded and
 * written to the knowledge collection.
 */
package dev.engram.knowledge;
