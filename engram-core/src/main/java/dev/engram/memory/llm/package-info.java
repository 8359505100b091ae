/**
 * LLM-backed memory, in the spirit of Mem0: {@link dev.engram.memory.llm.LlmExtractor} asks a chat
 * model for the memories in a batch of messages and {@link dev.engram.memory.llm.LlmConsolidator}
 * asks it whether a candidate adds, updates, supersedes or repeats a known memory. Replies are
 * structured JSON, validated strictly; a malformed, truncated or invalid reply (or a failing
 * endpoint) falls back to the rule extractor or consolidator for that call, so no fact is dropped,
 * and every fallback is counted in {@link dev.engram.memory.llm.Fallbacks} and logged. Wire both
 * with {@link dev.engram.memory.llm.LlmMemory#of}.
 */
package dev.engram.memory.llm;
