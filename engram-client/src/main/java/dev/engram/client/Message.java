package dev.engram.client;

import java.time.Instant;
import java.util.Optional;

/**
 * One message to remember: role ({@code user}, {@code assistant} or {@code system}), content, the
 * speaker's name (empty: the owner for a user's message) and when it was said (empty: now).
 */
public record Message(String role, String content, String name, Optional<Instant> createdAt) {
  public Message {
    Checks.notBlank(role, "role");
    Checks.notNull(content, "content");
    Checks.notNull(name, "name");
    Checks.notNull(createdAt, "createdAt");
  }

  public static Message of(String role, String content) {
    return new Message(role, content, "", Optional.empty());
  }

  public static Message user(String content) {
    return of("user", content);
  }

  public static Message assistant(String content) {
    return of("assistant", content);
  }

  public Message named(String speaker) {
    return new Message(role, content, speaker, createdAt);
  }

  public Message at(Instant time) {
    return new Message(role, content, name, Optional.of(time));
  }
}
