/**
 * Engram: knowledge (retrieval with citations) and memory (what each user said before) for LLM
 * applications. {@link dev.engram.Engram} is the entry point.
 */
package dev.engram;
