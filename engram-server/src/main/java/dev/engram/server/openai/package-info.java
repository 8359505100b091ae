/**
 * Engram behind OpenAI's API: {@code /v1/chat/completions} as an augmenting proxy in front of
 * the configured OpenAI-compatible LLM (knowledge and memory injected as one system message, the
 * rest passed through, the turn remembered in the background, each user's turns in order),
 * {@code /v1/models} passed through, and {@code /v1/embeddings} served by the in-process
 * embedding model.
 */
package dev.engram.server.openai;
