package dev.engram.cli;

import picocli.CommandLine.Option;

/** The result-count mixin: {@code -k, --top K}. */
final class TopOptions {
  @Option(names = {"-k", "--top"}, paramLabel = "K", description = "Number of results (default: ${DEFAULT-VALUE}).")
  int k = 10;

  int k() {
    return k;
  }
}
