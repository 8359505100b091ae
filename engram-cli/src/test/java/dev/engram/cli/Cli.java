package dev.engram.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real command line in-process and captures what it prints. */
record Cli(Path data) {

  /** The clock of every command a test runs, unless its environment sets another. */
  static final String NOW = "2026-06-01T12:00:00Z";

  record Result(int exitCode, String out, String err) {}

  /**
   * True when nothing is stored for {@code user}: no data directory at all (a refused command
   * creates none), or one where {@code memories} lists nothing.
   */
  boolean storesNothingFor(String user) {
    return !java.nio.file.Files.exists(data) || run("memories", "--user", user).out().contains("0 memories");
  }

  /** Runs {@code --data DATA args...}. */
  Result run(String... args) {
    return run("", Map.of(), args);
  }

  /** Runs {@code --data DATA args...} with {@code stdin} as standard input and {@code env} as the environment. */
  Result run(String stdin, Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("--data", data.toString()));
    all.addAll(List.of(args));
    return runAsGiven(stdin, env, all.toArray(String[]::new));
  }

  /** Runs exactly {@code args}, with no {@code --data} added. */
  static Result runAsGiven(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // A fixed clock unless the test sets its own: recall's recency must not depend on today.
    Map<String, String> fixed = new java.util.HashMap<>(env);
    fixed.putIfAbsent("ENGRAM_NOW", NOW);
    int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), fixed,
        new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
