package dev.engram.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The command-line half of an error message. Engram's errors say what went wrong and what to do
 * in the terms of its API ("name the user"); they never name a flag of this CLI. This maps an
 * error code, and the command that failed where the fix depends on it, to the flag or command
 * that fixes it ("pass --user U").
 */
final class ErrorHints {

  /**
   * One hint: for {@code code}, on any of {@code commands} (empty: on every command). {@code
   * names} is the flag or command the hint tells about; a message that already names it needs
   * no hint.
   */
  private record Hint(String code, Set<String> commands, String names, String text) {
    boolean matches(String errorCode, String command) {
      return code.equals(errorCode) && (commands.isEmpty() || commands.contains(command));
    }
  }

  private static final List<Hint> HINTS = List.of(
      new Hint("ENGRAM-301", Set.of("erase"), "--user", "pass --user U"),
      new Hint("ENGRAM-301", Set.of(), "--user",
          "pass --user U (or --agent A alone for an agent's own memories)"),
      new Hint("ENGRAM-311", Set.of("ingest", "delete"), "--kb", "give one --kb NAME"),
      new Hint("ENGRAM-404", Set.of("delete"), "engram documents",
          "`engram documents` lists the document ids (add the --tenant and --kb they were ingested with)"),
      new Hint("ENGRAM-306", Set.of(), "engram memories",
          "`engram memories --user U` lists the memory ids (with the same --tenant and --agent)"),
      new Hint("ENGRAM-501", Set.of(), "--data", "re-ingest into a new data directory: use another --data"),
      new Hint("ENGRAM-910", Set.of(), "--api-key",
          "pass --api-key KEY (or set $ENGRAM_API_KEY): a tenant key, made with POST /v1/admin/keys"),
      new Hint("ENGRAM-911", Set.of(), "--api-key",
          "check --api-key (or $ENGRAM_API_KEY): the key is unknown to this server or was revoked"),
      new Hint("ENGRAM-913", Set.of(), "--api-key", "use a tenant's key with --api-key, not the admin key"),
      new Hint("ENGRAM-940", Set.of(), "--server",
          "check --server URL (or $ENGRAM_SERVER); start a server with `engram serve`"),
      new Hint("ENGRAM-502", Set.of(), "--data",
          "search, recall, memories, documents and ask without a model still work beside it; or use another --data"),
      new Hint("ENGRAM-504", Set.of(), "--data",
          "check --data (or $ENGRAM_DATA); `engram ingest` and `engram remember` create the data directory"),
      new Hint("ENGRAM-510", Set.of(), "--index", "fix --index (or $ENGRAM_INDEX), e.g. --index lucene:/path/to/index"),
      new Hint("ENGRAM-610", Set.of(), "--prompt", "fix the file given to --prompt"),
      new Hint("ENGRAM-611", Set.of(), "--prompt", "fix the file given to --prompt"));

  private ErrorHints() {}

  /** The data directory named in an ENGRAM-502 message. */
  private static final Pattern HELD_DIR = Pattern.compile("The data directory (.+?) is being written by");
  /** The holder's command line runs {@code engram serve} (the launcher's jar, or the main class). */
  private static final Pattern SERVE = Pattern.compile("(?:Main|\\.jar|engram) serve\\b");

  /** The hint for error {@code code} raised by {@code command}, unless {@code message} already gives it. */
  static Optional<String> hint(String code, String command, String message) {
    if (code.equals("ENGRAM-502") && command.equals("mcp") && heldByServer(message)) {
      return Optional.of("a running `engram serve` holds this data directory: point the MCP host at"
          + " its /mcp endpoint (http://HOST:PORT/mcp with 'Authorization: Bearer KEY') instead");
    }
    if (code.equals("ENGRAM-502") && heldByServer(message) && !message.contains("--server")) {
      return Optional.of("a running `engram serve` holds this data directory: run the command against it"
          + " with --server URL --api-key KEY (or $ENGRAM_SERVER and $ENGRAM_API_KEY)");
    }
    return HINTS.stream().filter(h -> h.matches(code, command)).findFirst()
        .filter(h -> !message.contains(h.names()))
        .map(Hint::text);
  }

  /**
   * Whether the writer holding the data directory of an ENGRAM-502 message is {@code engram
   * serve}: the lock's {@code writer.pid} (see engram-lucene's WriterLock) has its whole command
   * line, where the message shows only the end of a long one.
   */
  private static boolean heldByServer(String message) {
    Matcher m = HELD_DIR.matcher(message);
    if (!m.find()) {
      return false;
    }
    try (Stream<Path> files = Files.find(Path.of(m.group(1)), 3,
        (p, a) -> p.getFileName().toString().equals("writer.pid"))) {
      for (Path pid : (Iterable<Path>) files::iterator) {
        if (SERVE.matcher(Files.readString(pid, StandardCharsets.UTF_8)).find()) {
          return true;
        }
      }
    } catch (IOException | UncheckedIOException | InvalidPathException e) {
      // no lock file to read: the plain 502 hint
    }
    return false;
  }
}
