package dev.engram.cli;

import dev.engram.common.Hashes;
import dev.engram.common.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Where the chat's line editor keeps the lines a user typed: one file per tenant and owner in
 * {@code DATA/chat-histories/}, named by a hash (the name tells nothing), so that erasing the
 * user deletes it. The lines are the user's words.
 */
final class ChatHistory {
  static final String FOLDER = "chat-histories";
  /** The one shared file of earlier releases, with every user's lines. */
  static final String LEGACY = "chat-history";

  private ChatHistory() {}

  /** The history file of the owner of {@code scope} (its user, else its agent), in its tenant. */
  static Path of(Path dataDir, Scope scope) {
    String owner = scope.user().map(u -> "user\0" + u).orElseGet(() -> "agent\0" + scope.agent().orElse(""));
    byte[] hash = Hashes.sha256(scope.tenant() + "\0" + owner);
    return dataDir.resolve(FOLDER).resolve(HexFormat.of().formatHex(hash, 0, 16));
  }

  /**
   * Deletes the user's history, and the shared file of earlier releases (which may hold the
   * user's lines among others'); true when a file was deleted.
   */
  static boolean erase(Path dataDir, Scope scope) {
    try {
      boolean own = Files.deleteIfExists(of(dataDir, scope));
      return Files.deleteIfExists(dataDir.resolve(LEGACY)) || own;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the chat history of " + scope, e);
    }
  }
}
