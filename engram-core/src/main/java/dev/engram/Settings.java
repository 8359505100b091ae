package dev.engram;

import dev.engram.common.Checks;
import dev.engram.retrieval.Fusion;

/**
 * Tunables of an Engram instance.
 *
 * @param chunkTokens target chunk size in the embedder's tokens
 * @param overlapTokens tokens repeated between consecutive chunks of one section
 * @param fusion how hybrid search merges BM25 and vector rankings
 * @param llmMemory when a chat model is configured, extract and consolidate memories with it
 *     (falling back to the rules on a bad reply); false keeps the rules even with a model
 */
public record Settings(int chunkTokens, int overlapTokens, Fusion fusion, boolean llmMemory) {
  public Settings {
    Checks.atLeast(chunkTokens, 16, "chunkTokens");
    Checks.atLeast(overlapTokens, 0, "overlapTokens");
    if (overlapTokens >= chunkTokens / 2) {
      throw new IllegalArgumentException(
          "overlapTokens must be < chunkTokens / 2, got: " + overlapTokens + " with chunkTokens " + chunkTokens);
    }
    Checks.notNull(fusion, "fusion");
  }

  public static Settings defaults() {
    return new Settings(256, 32, Fusion.defaults(), true);
  }

  public Settings withChunking(int tokens, int overlap) {
    return new Settings(tokens, overlap, fusion, llmMemory);
  }

  public Settings withFusion(Fusion newFusion) {
    return new Settings(chunkTokens, overlapTokens, newFusion, llmMemory);
  }

  public Settings withLlmMemory(boolean enabled) {
    return new Settings(chunkTokens, overlapTokens, fusion, enabled);
  }
}
