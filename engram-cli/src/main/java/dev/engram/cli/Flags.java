package dev.engram.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of numeric flags. The core checks its own arguments too, but its messages name
 * parameters ("chunkTokens must be >= 16"); these name the flag the person typed, and fail as a
 * wrong argument (exit 2) before anything is opened.
 */
final class Flags {
  private Flags() {}

  /** {@code value} if it is at least {@code min}; else a usage error naming {@code flag}. */
  static int atLeast(CommandSpec spec, String flag, int value, int min) {
    if (value < min) {
      throw new ParameterException(spec.commandLine(),
          flag + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /** {@code value} if it is at least {@code min}; else a usage error naming {@code flag}. */
  static long atLeast(CommandSpec spec, String flag, long value, long min) {
    if (value < min) {
      throw new ParameterException(spec.commandLine(),
          flag + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
