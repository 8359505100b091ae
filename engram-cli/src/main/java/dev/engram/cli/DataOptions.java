package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The data directory of a command: the global {@code --data DIR} option (inherited by every
 * subcommand, so it may stand before or after the command name), else {@code $ENGRAM_DATA}, else
 * {@code ./engram-data}.
 */
record DataOptions(Path dir) {

  static DataOptions of(CommandSpec spec) {
    Main main = (Main) spec.root().userObject();
    if (main.data != null) {
      return new DataOptions(main.data);
    }
    String env = System.getenv("ENGRAM_DATA");
    return new DataOptions(Path.of(env == null || env.isBlank() ? "engram-data" : env));
  }

  Engram open() {
    return Engram.open(dir);
  }

  Engram open(Settings settings) {
    return Engram.open(dir, settings);
  }
}
