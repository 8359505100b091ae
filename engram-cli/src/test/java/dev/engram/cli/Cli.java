package dev.engram.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in-process and captures what it prints. */
record Cli(Path data) {

  record Result(int exitCode, String out, String err) {}

  Result run(String... args) {
    return run("", java.util.Map.of(), args);
  }

  /** Runs with {@code stdin} as standard input and {@code env} as the environment. */
  Result run(String stdin, java.util.Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("--data", data.toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new),
        new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)), env,
        new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
