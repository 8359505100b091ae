package dev.engram;

import dev.engram.context.ContextOptions;
import dev.engram.memory.recall.RecallWeights;
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
 * @param recall how recall weighs relevance, recency and importance
 * @param context the token budget of a context and how many passages, memories and turns it takes
 */
public record Settings(int chunkTokens, int overlapTokens, Fusion fusion, boolean llmMemory,
    RecallWeights recall, ContextOptions context) {
  public Settings {
    Checks.atLeast(chunkTokens, 16, "chunkTokens");
    Checks.atLeast(overlapTokens, 0, "overlapTokens");
    if (overlapTokens >= chunkTokens / 2) {
      throw new IllegalArgumentException(
          "overlapTokens must be < chunkTokens / 2, got: " + overlapTokens + " with chunkTokens " + chunkTokens);
    }
    Checks.notNull(fusion, "fusion");
    Checks.notNull(recall, "recall");
    Checks.notNull(context, "context");
  }

  /** 256-token chunks with 32 overlap, convex fusion 0.6, LLM memory on, default recall and budget. */
  public static Settings defaults() {
    return new Settings(256, 32, Fusion.defaults(), true, RecallWeights.defaults(),
        ContextOptions.defaults());
  }

  public Settings withChunking(int tokens, int overlap) {
    return new Settings(tokens, overlap, fusion, llmMemory, recall, context);
  }

  public Settings withFusion(Fusion newFusion) {
    return new Settings(chunkTokens, overlapTokens, newFusion, llmMemory, recall, context);
  }

  public Settings withLlmMemory(boolean enabled) {
    return new Settings(chunkTokens, overlapTokens, fusion, enabled, recall, context);
  }

  public Settings withRecall(RecallWeights newRecall) {
    return new Settings(chunkTokens, overlapTokens, fusion, llmMemory, newRecall, context);
  }

  public Settings withContext(ContextOptions newContext) {
    return new Settings(chunkTokens, overlapTokens, fusion, llmMemory, recall, newContext);
  }
}
