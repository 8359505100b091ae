package dev.engram.bridge;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose memory and which conversation: a user and, optionally, a session. The framework's chat
 * memory id is usually the session; the user is who the memories are about.
 */
public record Conversation(String userId, Optional<String> sessionId) {
  public Conversation {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("a conversation needs a user id");
    }
    sessionId = sessionId.filter(s -> !s.isBlank());
  }

  /** The user's memory, across sessions. */
  public static Conversation of(String userId) {
    return new Conversation(userId, Optional.empty());
  }

  /**
   * The conversation a framework's memory id names: a {@code Conversation} as it is; else its
   * text, {@code user:session} (split at the first colon) or a bare id that is both the user and
   * the session.
   */
  public static Conversation parse(Object memoryId) {
    if (memoryId instanceof Conversation c) {
      return c;
    }
    String id = String.valueOf(Objects.requireNonNull(memoryId, "memoryId")).strip();
    int colon = id.indexOf(':');
    return colon > 0 && colon < id.length() - 1
        ? of(id.substring(0, colon), id.substring(colon + 1)) : of(id, id);
  }

  /** One session of the user. */
  public static Conversation of(String userId, String sessionId) {
    return new Conversation(userId, Optional.of(sessionId));
  }
}
