/**
 * Clients for OpenAI-compatible endpoints (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio):
 * {@link dev.engram.models.openai.OpenAiChatModel} implements the chat model seam over the JDK
 * HTTP client.
 */
package dev.engram.models.openai;
