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
    List<String> all = new ArrayList<>(List.of("--data", data.toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
