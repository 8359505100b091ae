package dev.engram.chat;

import dev.engram.common.Checks;
import java.util.List;

/**
 * What to send to a chat model: the conversation, the sampling temperature, the most tokens to
 * generate, and whether the answer must be a JSON object.
 */
public record ChatRequest(
    List<ChatMessage> messages, double temperature, int maxTokens, boolean jsonMode) {

  /** Low, so answers grounded in retrieved context stay close to it. */
  public static final double DEFAULT_TEMPERATURE = 0.2;

  public static final int DEFAULT_MAX_TOKENS = 1024;

  public ChatRequest {
    messages = List.copyOf(Checks.notNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    Checks.between(temperature, 0.0, 2.0, "temperature");
    Checks.atLeast(maxTokens, 1, "maxTokens");
  }

  /** The messages with the default temperature and token limit, answering in free text. */
  public static ChatRequest of(List<ChatMessage> messages) {
    return new ChatRequest(messages, DEFAULT_TEMPERATURE, DEFAULT_MAX_TOKENS, false);
  }

  /** A system instruction followed by one user message, with the defaults. */
  public static ChatRequest of(String system, String user) {
    return of(List.of(ChatMessage.system(system), ChatMessage.user(user)));
  }

  /** One user message, with the defaults. */
  public static ChatRequest ofUser(String user) {
    return of(List.of(ChatMessage.user(user)));
  }

  public ChatRequest withTemperature(double newTemperature) {
    return new ChatRequest(messages, newTemperature, maxTokens, jsonMode);
  }

  public ChatRequest withMaxTokens(int newMaxTokens) {
    return new ChatRequest(messages, temperature, newMaxTokens, jsonMode);
  }

  /** This request, asking the model to answer with one JSON object. */
  public ChatRequest withJsonMode() {
    return new ChatRequest(messages, temperature, maxTokens, true);
  }
}
