package dev.engram.memory.model;

import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One conversation turn to remember, kept verbatim.
 *
 * @param role who produced it: one of {@link #ROLES}, {@code user}, {@code assistant} or {@code system}
 * @param speaker the speaker's name, used when rewriting facts ("Caroline likes hiking"); the
 *     role when unknown
 * @param text what was said
 * @param eventTime when it was said; when empty the call's event time, else the clock, is used
 * @param origin said in a conversation, or a question put to Engram and its answer ({@code ask},
 *     {@code chat}): those are weighed below what was said in recall, and an answer (role {@code
 *     assistant}) is never a source of memories
 */
public record Message(String role, String speaker, String text, Optional<Instant> eventTime,
    Origin origin) {

  /** Longest accepted message text, in characters. */
  public static final int MAX_CHARS = 16_000;

  /** The accepted roles. */
  public static final List<String> ROLES = List.of("user", "assistant", "system");

  public Message {
    Checks.notBlank(role, "role");
    if (!ROLES.contains(role)) {
      throw new InvalidInputException(
          "ENGRAM-312", "unknown role '" + role + "': use " + String.join(", ", ROLES));
    }
    Checks.notBlank(speaker, "speaker");
    Checks.notNull(text, "text");
    Checks.notNull(eventTime, "eventTime");
    if (text.isBlank()) {
      throw new InvalidInputException(
          "ENGRAM-302", "a message is empty: every message needs some text to remember");
    }
    if (text.length() > MAX_CHARS) {
      throw new InvalidInputException(
          "ENGRAM-303",
          "a message has "
              + text.length()
              + " characters, over the limit of "
              + MAX_CHARS
              + ": split it into several messages");
    }
    Checks.notNull(origin, "origin");
    if (origin == Origin.ANSWER && !role.equals("assistant")) {
      throw new IllegalArgumentException("an answer is the assistant's: role must be assistant, got: " + role);
    }
  }

  /** A message said in a conversation. */
  public Message(String role, String speaker, String text, Optional<Instant> eventTime) {
    this(role, speaker, text, eventTime, Origin.CONVERSATION);
  }

  /** A question {@code speaker} asked Engram, now. */
  public static Message asked(String speaker, String question) {
    return new Message("user", speaker, question, Optional.empty(), Origin.ASKED);
  }

  /** An answer Engram gave, now: role and speaker {@code assistant}. */
  public static Message answer(String text) {
    return new Message("assistant", "assistant", text, Optional.empty(), Origin.ANSWER);
  }

  /** A user message whose speaker is the role. */
  public static Message user(String text) {
    return new Message("user", "user", text, Optional.empty());
  }

  /** A message of a named speaker (role user) at a given time. */
  public static Message of(String speaker, String text, Instant eventTime) {
    return new Message("user", speaker, text, Optional.of(eventTime));
  }
}
