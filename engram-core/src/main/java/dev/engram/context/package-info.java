/**
 * Context assembly: a {@link dev.engram.context.QueryRouter} decides whether a question needs
 * knowledge, memory or both; a {@link dev.engram.context.ContextAssembler} fits passages, memories,
 * the session summary and recent turns into a token budget, removes near-duplicates and numbers
 * the citations; the resulting {@link dev.engram.context.Context} renders to prompt text.
 */
package dev.engram.context;
