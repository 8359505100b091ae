package dev.engram.chat;

import dev.engram.common.Checks;

/**
 * A chat model's complete answer: its text, the tokens it cost (0 when the server did not say),
 * why generation stopped ({@code stop}, {@code length} when {@code maxTokens} cut it short, or
 * {@code unknown}), and the wall time of the call in milliseconds, retries included.
 */
public record ChatResponse(
    String text, int promptTokens, int completionTokens, String finishReason, long latencyMillis) {

  public ChatResponse {
    Checks.notNull(text, "text");
    Checks.atLeast(promptTokens, 0, "promptTokens");
    Checks.atLeast(completionTokens, 0, "completionTokens");
    Checks.notBlank(finishReason, "finishReason");
    if (latencyMillis < 0) {
      throw new IllegalArgumentException("latencyMillis must be >= 0, got: " + latencyMillis);
    }
  }

  /** True when generation stopped at the token limit, so the text is cut short. */
  public boolean truncatedByLimit() {
    return "length".equals(finishReason);
  }
}
