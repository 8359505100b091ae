package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatModelConfig;
import dev.engram.models.openai.OpenAiChatModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

  /** Opens the data directory for reading only: works while another process writes to it. */
  Engram openReadOnly() {
    return Engram.builder().dataDirectory(dir).readOnly(true).build();
  }

  Engram open(Settings settings) {
    return Engram.builder().dataDirectory(dir).settings(settings).build();
  }

  /**
   * Opens the data directory with the chat model configured by the {@code ENGRAM_LLM_*} variables
   * of the command's environment, if any.
   */
  Engram openWithModel(CommandSpec spec) {
    Map<String, String> env = Main.of(spec).env;
    Optional<ChatModel> model = ChatModelConfig.fromEnvironment(env).map(OpenAiChatModel::new);
    boolean llmMemory = !"false".equalsIgnoreCase(env.getOrDefault("ENGRAM_LLM_MEMORY", "true").strip());
    Engram.Builder builder = Engram.builder().dataDirectory(dir)
        .settings(Settings.defaults().withLlmMemory(llmMemory));
    model.ifPresent(builder::chatModel);
    return builder.build();
  }
}
