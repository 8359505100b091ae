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
 * @param rememberAnswers whether an answer (of {@code ask}, {@code chat}, {@link
 *     Engram#answer}) is remembered with its question; true by default; false remembers the
 *     question only
 */
public record Settings(int chunkTokens, int overlapTokens, Fusion fusion, boolean llmMemory,
    RecallWeights recall, ContextOptions context, boolean rememberAnswers) {
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

  /** Settings that remember answers. */
  public Settings(int chunkTokens, int overlapTokens, Fusion fusion, boolean llmMemory,
      RecallWeights recall, ContextOptions context) {
    this(chunkTokens, overlapTokens, fusion, llmMemory, recall, context, true);
  }

  /**
   * 256-token chunks with 32 overlap, convex fusion 0.6, LLM memory on, default recall and
   * budget, answers remembered.
   */
  public static Settings defaults() {
    return new Settings(256, 32, Fusion.defaults(), true, RecallWeights.defaults(),
        ContextOptions.defaults(), true);
  }

  public Settings withRememberAnswers(boolean enabled) {
    return new Settings(chunkTokens, overlapTokens, fusion, llmMemory, recall, context, enabled);
  }

  public Settings withChunking(int tokens, int overlap) {
    return new Settings(tokens, overlap, fusion, llmMemory, recall, context, rememberAnswers);
  }

  public Settings withFusion(Fusion newFusion) {
    return new Settings(chunkTokens, overlapTokens, newFusion, llmMemory, recall, context,
        rememberAnswers);
  }

  public Settings withLlmMemory(boolean enabled) {
    return new Settings(chunkTokens, overlapTokens, fusion, enabled, recall, context, rememberAnswers);
  }

  public Settings withRecall(RecallWeights newRecall) {
    return new Settings(chunkTokens, overlapTokens, fusion, llmMemory, newRecall, context,
        rememberAnswers);
  }

  public Settings withContext(ContextOptions newContext) {
    return new Settings(chunkTokens, overlapTokens, fusion, llmMemory, recall, newContext,
        rememberAnswers);
  }
}
