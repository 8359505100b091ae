package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatModelConfig;
import dev.engram.common.StorageException;
import dev.engram.models.openai.OpenAiChatModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The data mixin: where Engram stores its data ({@code --data DIR}) and which index it uses
 * ({@code --index URI}). The root command and every command that opens Engram mix it in, so the
 * options may stand before or after the command name; the one nearest the command wins. Else
 * {@code $ENGRAM_DATA} and {@code $ENGRAM_INDEX}, else {@code ./engram-data} with the Lucene
 * index inside it.
 */
final class DataOptions {
  static final String DATA_VAR = "ENGRAM_DATA";
  static final String INDEX_VAR = "ENGRAM_INDEX";
  static final String NOW_VAR = "ENGRAM_NOW";
  static final String REMEMBER_ANSWERS_VAR = "ENGRAM_REMEMBER_ANSWERS";

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory for everything Engram stores (default: $" + DATA_VAR + ", else ./engram-data).")
  Path data;

  private String index;

  @Option(names = "--index", paramLabel = "URI",
      description = "The index to use, e.g. lucene:PATH or opensearch://host:9200"
          + " (default: $" + INDEX_VAR + ", else Lucene in the data directory).")
  void index(String uri) {
    if (uri != null && uri.isBlank()) {
      throw new ParameterException(mixee.commandLine(),
          "--index needs a URI, e.g. lucene:PATH or opensearch://host:9200");
    }
    index = uri == null ? null : uri.strip();
  }

  /** The {@code --data} given on the command line, nearest the command, if any. */
  Optional<Path> given() {
    return nearest(d -> d.data);
  }

  /** The data directory: the nearest {@code --data}, else {@code $ENGRAM_DATA}, else {@code ./engram-data}. */
  Path dir() {
    return nearest(d -> d.data).orElseGet(() -> Path.of(env(DATA_VAR).orElse("engram-data")));
  }

  /**
   * The index URI: the nearest {@code --index}, else {@code $ENGRAM_INDEX}; empty means the
   * default, Lucene in the data directory.
   */
  Optional<String> indexUri() {
    return nearest(d -> d.index).or(() -> env(INDEX_VAR));
  }

  /** Opens the data directory for reading and writing; fails if another process writes it. */
  Engram open() {
    return builder().build();
  }

  /**
   * Opens the data directory for reading only: no write lock, so it works while another process
   * (an ingest, a chat) writes, and sees what that process has committed.
   */
  Engram openReadOnly() {
    return builder().readOnly(true).build();
  }

  Engram open(Settings settings) {
    return builder().settings(settings).build();
  }

  /**
   * Opens the data directory with the chat model configured by the {@code ENGRAM_LLM_*} variables
   * of the command's environment, if any. With no model and {@code readWhenHeld}, a data directory
   * that another process writes is opened read-only instead (the answer is extractive and its
   * turn is not remembered, which the command's error stream says).
   */
  Engram openWithModel(boolean readWhenHeld) {
    Map<String, String> env = Main.of(mixee).env;
    Optional<ChatModel> model = ChatModelConfig.fromEnvironment(env).map(OpenAiChatModel::new);
    boolean llmMemory = !"false".equalsIgnoreCase(env.getOrDefault("ENGRAM_LLM_MEMORY", "true").strip());
    Engram.Builder builder = builder().settings(Settings.defaults().withLlmMemory(llmMemory)
        .withRememberAnswers(rememberAnswers()));
    model.ifPresent(builder::chatModel);
    try {
      return builder.build();
    } catch (StorageException e) {
      if (model.isPresent() || !readWhenHeld || !"ENGRAM-502".equals(e.code())) {
        throw e;
      }
      mixee.commandLine().getErr().println("note: " + e.getMessage()
          + " Answering read-only: this turn is not remembered.");
      return builder().readOnly(true).build();
    }
  }

  /** Whether {@code $ENGRAM_REMEMBER_ANSWERS} leaves answers remembered (anything but false). */
  boolean rememberAnswers() {
    return !env(REMEMBER_ANSWERS_VAR).map("false"::equalsIgnoreCase).orElse(false);
  }

  /** Opens the data directory with the chat model of the environment, if any, for writing. */
  Engram openWithModel() {
    return openWithModel(false);
  }

  /**
   * A builder on the data directory and, when one is given, the index URI; {@code $ENGRAM_NOW}
   * (an ISO instant) fixes the clock, for reproducible runs and tests.
   */
  Engram.Builder builder() {
    Engram.Builder builder = Engram.builder().dataDirectory(dir());
    indexUri().ifPresent(builder::index);
    clock().ifPresent(builder::clock);
    return builder;
  }

  /** The clock {@code $ENGRAM_NOW} fixes, if it is set. */
  Optional<Clock> clock() {
    return env(NOW_VAR).map(now -> {
      try {
        return Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new ParameterException(mixee.commandLine(),
            "$" + NOW_VAR + " must be an ISO instant such as 2024-05-08T14:30:00Z, got: " + now);
      }
    });
  }

  /** The value set on this command or the nearest command above it. */
  private <T> Optional<T> nearest(Function<DataOptions, T> value) {
    for (CommandSpec command = mixee; command != null; command = command.parent()) {
      for (CommandSpec mixin : command.mixins().values()) {
        if (mixin.userObject() instanceof DataOptions d && value.apply(d) != null) {
          return Optional.of(value.apply(d));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> env(String name) {
    return Optional.ofNullable(Main.of(mixee).env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
