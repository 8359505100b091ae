package dev.engram.bridge;

import java.util.Objects;

/** One message of a conversation: {@code user}, {@code assistant} or {@code system}, and its text. */
public record Turn(String role, String text) {
  public Turn {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }

  public static Turn user(String text) {
    return new Turn("user", text);
  }

  public static Turn assistant(String text) {
    return new Turn("assistant", text);
  }
}
