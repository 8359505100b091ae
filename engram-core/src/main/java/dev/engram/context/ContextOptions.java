package dev.engram.context;

import dev.engram.common.Checks;

/**
 * How much a context may hold.
 *
 * @param maxTokens the token budget of the rendered context (cl100k_base tokens)
 * @param passages how many knowledge passages to consider
 * @param memories how many recalled memories to consider
 * @param recentTurns how many of the latest messages of the session to consider
 */
public record ContextOptions(int maxTokens, int passages, int memories, int recentTurns) {
  /**
   * The default budget: room for a few passages and memories in any model's window. Not measured;
   * chosen by hand.
   */
  public static final int DEFAULT_MAX_TOKENS = 2_000;

  public ContextOptions {
    Checks.atLeast(maxTokens, 50, "maxTokens");
    Checks.atLeast(passages, 0, "passages");
    Checks.atLeast(memories, 0, "memories");
    Checks.atLeast(recentTurns, 0, "recentTurns");
  }

  /**
   * {@link #DEFAULT_MAX_TOKENS} tokens, 8 passages, 10 memories, 6 recent turns. The counts were
   * not measured; chosen by hand (the budget cuts what does not fit anyway).
   */
  public static ContextOptions defaults() {
    return new ContextOptions(DEFAULT_MAX_TOKENS, 8, 10, 6);
  }

  public ContextOptions withMaxTokens(int tokens) {
    return new ContextOptions(tokens, passages, memories, recentTurns);
  }
}
