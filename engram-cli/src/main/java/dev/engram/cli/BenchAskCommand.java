package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.answer.Answer;
import dev.engram.chat.ChatModelConfig;
import dev.engram.common.Scope;
import dev.engram.embed.CachingEmbedder;
import dev.engram.eval.Latencies;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.IngestReport;
import dev.engram.memory.model.Message;
import dev.engram.models.openai.OpenAiChatModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram bench ask}: the latency of whole asks (route, search, recall, answer, remember)
 * over an ingested corpus and a remembered user, in a fresh temporary data directory.
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
    description = {"Ingest a corpus (default: the demo's sample knowledge base) into a fresh temporary data directory,"
        + " remember a user, then time N asks (each remembering its turn, as `engram ask` does) and print p50/p95.",
        "Each ask is a cold question: the in-memory query cache is emptied before it. The answer is"
            + " generated when ENGRAM_LLM_BASE_URL and ENGRAM_LLM_MODEL are set, else extractive."})
final class BenchAskCommand implements Callable<Integer> {
  /** What the user said before the asks: facts the questions below ask about, and chit-chat. */
  static final List<String> USER_SAID = List.of(
      "Hi, I'm Maya. I live in Paris and I just bought an Orbit Hub.",
      "I prefer short answers with numbered steps.",
      "I moved to Berlin last month.",
      "Please remember that my new router only broadcasts 5 GHz Wi-Fi.",
      "My locker number is 112.",
      "I have type 1 diabetes.",
      "My sister lives in Oslo.",
      "I play cello in a community orchestra.",
      "Thanks, that helped a lot!",
      "I ride a Vespa to work.");

  /** Questions that need documents, memory, or both. */
  static final List<String> QUESTIONS = List.of(
      "How do I factory reset the hub?",
      "Where do I live now?",
      "How do I like my answers?",
      "Will my hub work with my router's Wi-Fi?",
      "How long is the warranty where I live?",
      "What is my locker number?",
      "Where does my sister live?",
      "What does the status light mean when it blinks red?",
      "Which instrument do I play?",
      "What changed in the latest firmware release?");

  @Spec CommandSpec spec;

  @Option(names = "--n", description = "Timed asks (default: ${DEFAULT-VALUE}).") int n = 100;
  @Option(names = "--warmup", description = "Asks before timing, not counted (default: ${DEFAULT-VALUE}).") int warmup = 10;
  @Option(names = "--corpus", paramLabel = "PATH",
      description = "Files or folder to ingest (default: the demo's sample knowledge base).") Path corpus;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || warmup < 0) {
      throw new IllegalArgumentException("--n must be >= 1 and --warmup >= 0, got: " + n + ", " + warmup);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("engram-bench-ask");
    try {
      Path kb = corpus != null ? corpus : DemoCommand.writeSampleKnowledgeBase(dir.resolve("sample-kb"));
      Engram.Builder builder = Engram.builder().dataDirectory(dir.resolve("data"));
      ChatModelConfig.fromEnvironment(Main.of(spec).env).map(OpenAiChatModel::new)
          .ifPresent(builder::chatModel);
      try (Engram engram = builder.build()) {
        IngestReport report = engram.ingest(Scope.ofTenant(Scope.DEFAULT_TENANT), List.of(kb),
            IngestOptions.defaults(), IngestListener.NONE);
        out.println("corpus: " + report.summary());
        Scope user = Scope.ofUser("bench").withSession("bench");
        for (String text : USER_SAID) {
          engram.memories().remember(user, List.of(Message.user(text)));
        }
        Latencies total = new Latencies();
        Latencies context = new Latencies();
        Latencies remember = new Latencies();
        for (int i = 0; i < warmup + n; i++) {
          if (engram.embedder() instanceof CachingEmbedder cache) {
            cache.forgetQueries();
          }
          long t0 = System.nanoTime();
          Answer a = engram.answer(user, QUESTIONS.get(i % QUESTIONS.size()));
          long t1 = System.nanoTime();
          if (i >= warmup) {
            total.add(t1 - t0);
            context.add(a.timings().context() * 1_000_000);
            remember.add(a.timings().remember() * 1_000_000);
          }
        }
        out.printf("ask (%s, %d asks after %d warm-up, %d messages remembered): p50 %.1f ms, p95 %.1f ms"
                + " | context p50 %.0f ms, remember p50 %.0f ms%n",
            engram.answerer().generates() ? "generated" : "extractive", n, warmup,
            engram.memories().messageCount(user), total.percentileMillis(50),
            total.percentileMillis(95), context.percentileMillis(50), remember.percentileMillis(50));
        return 0;
      }
    } finally {
      Dirs.deleteRecursively(dir);
    }
  }
}
