package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.common.InvalidInputException;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatModelConfig;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.eval.answer.AnswerReport;
import dev.engram.eval.answer.LocomoAnswerEval;
import dev.engram.embed.EmbeddingErasure;
import dev.engram.eval.memory.LocomoEval;
import dev.engram.eval.memory.LocomoFile;
import dev.engram.eval.memory.LocomoReport;
import dev.engram.memory.Memories;
import dev.engram.memory.llm.Fallbacks;
import dev.engram.memory.llm.LlmMemory;
import dev.engram.memory.recall.RecallWeights;
import dev.engram.models.openai.OpenAiChatModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram eval memory --locomo FILE [--answer] [--llm-memory]}: evidence recall of memory on
 * LoCoMo conversations, or with {@code --answer} question answering with the configured chat model
 * scored by an LLM judge (J) and token F1.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Remember LoCoMo conversations, recall for every question (categories 1-4), report evidence recall;"
        + " with --answer, answer each question with the configured chat model and report the judge score J and F1.")
final class EvalMemoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin OutputOptions output;

  @Option(names = "--locomo", required = true, paramLabel = "FILE", description = "A LoCoMo JSON file.")
  Path locomo;

  @Option(names = "--k", description = "Results per question (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--budget", description = "Context budget in tokens (cl100k) (default: ${DEFAULT-VALUE}).")
  int budget = 1500;

  @Option(names = "--answer", description = "Answer every question with the chat model set by "
      + ChatModelConfig.BASE_URL_VAR + " and " + ChatModelConfig.MODEL_VAR
      + "; score with an LLM judge (J) and token F1.")
  boolean answer;

  @Option(names = "--llm-memory", description = "Extract and consolidate memories with the chat model"
      + " (falling back to the rules on invalid replies) instead of the rules.")
  boolean llmMemory;

  /** A report with the fallback counts of LLM-backed memory, for --json. */
  record WithFallbacks(Object report, Fallbacks.Counts llmMemoryFallbacks) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Flags.atLeast(spec, "--k", k, 1);
    Flags.atLeast(spec, "--budget", budget, 50);
    if (!answer && !llmMemory) {
      var conversations = LocomoFile.read(locomo);
      try (Engram engram = freshStore()) {
        LocomoEval eval = new LocomoEval(engram.memories(), new Cl100kTokenCounter());
        if (engram.embedder() instanceof EmbeddingErasure cache) {
          eval = eval.withWarmPass(() -> cache.erase(List.of())); // erasing drops every query vector
        }
        LocomoReport report = eval.run(conversations, k, budget);
        if (output.json()) {
          Json.print(out, report);
        } else {
          out.println(report.text());
        }
      }
      return 0;
    }
    // Checked before any work: a long eval must not fail at its first model call.
    ChatModelConfig config = requireModel();
    var conversations = LocomoFile.read(locomo);
    ChatModel model = new OpenAiChatModel(config);
    // The instance closes the model; with --llm-memory its memory is LLM-backed.
    try (Engram engram = freshStore(Engram.builder().chatModel(model)
        .settings(Settings.defaults().withLlmMemory(llmMemory)))) {
      Memories memories = engram.memories();
      Optional<LlmMemory> llm = engram.llmMemory();
      Cl100kTokenCounter tokens = new Cl100kTokenCounter();
      Object report;
      String text;
      if (answer) {
        AnswerReport r = new LocomoAnswerEval(memories, tokens, model).run(conversations, k, budget);
        report = r;
        text = r.text();
      } else {
        LocomoReport r = new LocomoEval(memories, tokens).run(conversations, k, budget);
        report = r;
        text = r.text();
      }
      if (output.json()) {
        Json.print(out, llm.<Object>map(l -> new WithFallbacks(report, l.fallbacks().counts()))
            .orElse(report));
      } else {
        llm.ifPresent(l -> out.println("llm memory: " + l.fallbacks()));
        out.print(text);
        out.flush();
      }
    }
    return 0;
  }

  /** An empty store: remember throughput is part of the report, so every run starts afresh. */
  private Engram freshStore() throws IOException {
    return freshStore(Engram.builder().settings(Settings.defaults().withLlmMemory(false)));
  }

  private Engram freshStore(Engram.Builder builder) throws IOException {
    Path dir = data.dir().resolve("eval").resolve("locomo");
    Dirs.deleteRecursively(dir);
    data.clock().ifPresent(builder::clock);
    return builder.dataDirectory(dir).build();
  }

  private static ChatModelConfig requireModel() {
    return ChatModelConfig.fromEnvironment(System.getenv()).orElseThrow(() -> new InvalidInputException(
        ChatModelConfig.INVALID_CONFIG,
        "--answer and --llm-memory need a chat model, and none is configured: set "
            + ChatModelConfig.BASE_URL_VAR + " (e.g. http://localhost:11434/v1 for Ollama,"
            + " https://api.openai.com/v1 for OpenAI) and " + ChatModelConfig.MODEL_VAR
            + " (e.g. llama3.2 or gpt-4o-mini), and " + ChatModelConfig.API_KEY_VAR
            + " if the endpoint needs a key"));
  }
}
