/**
 * The index seam: named hybrid (BM25 + vector) collections with metadata filters. Knowledge
 * chunks, memories and episodes are collections on it.
 */
package dev.engram.index;
