package dev.engram.cli;

import picocli.CommandLine.Option;

/** The output mixin: {@code --json} prints the result as JSON for scripts instead of text for people. */
final class OutputOptions {
  @Option(names = "--json", description = "Print the result as JSON (for scripts).")
  boolean json;

  boolean json() {
    return json;
  }
}
