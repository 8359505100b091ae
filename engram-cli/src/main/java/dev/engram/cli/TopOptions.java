package dev.engram.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The result-count mixin: {@code -k, --top K}. */
final class TopOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  private int k = 10;

  @Option(names = {"-k", "--top"}, paramLabel = "K", defaultValue = "10",
      description = "Number of results (default: ${DEFAULT-VALUE}).")
  void k(int value) {
    k = Flags.atLeast(mixee, "-k", value, 1);
  }

  int k() {
    return k;
  }
}
