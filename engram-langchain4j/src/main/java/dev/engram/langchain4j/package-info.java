/**
 * Engram inside LangChain4j: {@link dev.engram.langchain4j.EngramContentRetriever} (knowledge),
 * {@link dev.engram.langchain4j.EngramMemoryRetriever} (a user's memories), {@link
 * dev.engram.langchain4j.EngramRetrievalAugmentor} (Engram's blend, a drop-in for {@code
 * DefaultRetrievalAugmentor}), {@link dev.engram.langchain4j.EngramChatMemoryStore} and {@link
 * dev.engram.langchain4j.EngramEmbeddingStore}. Each works over an embedded {@code Engram} or
 * {@code EngramClient} through {@link dev.engram.bridge.Engine}.
 */
package dev.engram.langchain4j;
