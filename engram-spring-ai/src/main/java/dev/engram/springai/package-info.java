/**
 * Engram inside Spring AI: {@link dev.engram.springai.EngramVectorStore}, {@link
 * dev.engram.springai.EngramDocumentRetriever} (Engram's blend for {@code
 * RetrievalAugmentationAdvisor}) and {@link dev.engram.springai.EngramChatMemoryRepository}. Each
 * works over an embedded {@code Engram} or {@code EngramClient} through {@link
 * dev.engram.bridge.Engine}.
 */
package dev.engram.springai;
