package dev.engram.chat;

import dev.engram.common.Checks;

/** One message of a conversation sent to a chat model. */
public record ChatMessage(Role role, String content) {

  /** Who wrote a message. */
  public enum Role {
    /** Instructions to the model. */
    SYSTEM,
    /** The person (or application) asking. */
    USER,
    /** The model's own earlier answers. */
    ASSISTANT
  }

  public ChatMessage {
    Checks.notNull(role, "role");
    Checks.notNull(content, "content");
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
