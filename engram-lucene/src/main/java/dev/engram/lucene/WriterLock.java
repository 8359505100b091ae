package dev.engram.lucene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Who holds an index's write lock: the writing process records its pid and command line next to
 * Lucene's lock, so that a second writer's error can name it. The file is advisory (the lock
 * itself is Lucene's native file lock, released by the OS when the process dies).
 */
final class WriterLock {
  static final String NAME = "writer.pid";

  private WriterLock() {}

  /** Records this process as the writer. */
  static void claim(Path dir) {
    ProcessHandle self = ProcessHandle.current();
    String command = self.info().commandLine().orElse("java");
    String line = self.pid() + " " + Instant.now() + " " + command + "\n";
    try {
      Files.writeString(dir.resolve(NAME), line, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // Only the error message of a second writer would be poorer: not worth failing the open.
    }
  }

  /**
   * Forgets this process as the writer when it closes the index: the command line may hold a
   * user's words ({@code engram remember --user ann "..."}), which must not outlive the command
   * (nor an erase of that user).
   */
  static void release(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve(NAME));
    } catch (IOException e) {
      // Only a stale holder in a later error message: not worth failing the close.
    }
  }

  /** The holder, as "process PID (COMMAND, since TIME)", or a plain phrase when unknown. */
  static String holder(Path dir) {
    try {
      String[] parts = Files.readString(dir.resolve(NAME), StandardCharsets.UTF_8).strip()
          .split(" ", 3);
      if (parts.length == 3) {
        // The end of a long command line says what runs (the JVM's options come first).
        String command = parts[2].length() > 120
            ? "..." + parts[2].substring(parts[2].length() - 117) : parts[2];
        boolean alive = ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive)
            .orElse(false);
        return "process " + parts[0] + (alive ? "" : " (or one started after it)") + " ("
            + command + ", since " + parts[1] + ")";
      }
    } catch (IOException | NumberFormatException e) {
      // fall through: the holder is unknown
    }
    return "another process";
  }
}
