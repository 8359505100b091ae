package dev.engram.memory;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbedderFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.eval.memory.LocomoConversation;
import dev.engram.eval.memory.LocomoEval;
import dev.engram.memory.consolidate.RuleConsolidator;
import dev.engram.memory.recall.RecallWeights;
import java.util.List;
import dev.engram.eval.memory.LocomoFile;
import dev.engram.eval.memory.LocomoReport;
import dev.engram.index.Index;
import dev.engram.index.IndexFactory;
import dev.engram.memory.extract.RuleExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ServiceLoader;

/**
 * Prints LoCoMo memory figures with the real Lucene index and in-process embedder, until the CLI
 * wires {@code engram eval memory}. Usage: {@code LocomoBench FILE [k] [budget]}.
 */
public final class LocomoBench {
  private LocomoBench() {}

  /** Recall weights, overridable with -Drecall.NAME=value to try variants. */
  private static RecallWeights weights() {
    RecallWeights d = RecallWeights.defaults();
    return RecallWeights.builder()
        .rrfK(Double.parseDouble(System.getProperty("recall.rrfK", "" + d.rrfK())))
        .text(Double.parseDouble(System.getProperty("recall.text", "" + d.text())))
        .dense(Double.parseDouble(System.getProperty("recall.dense", "" + d.dense())))
        .memory(Double.parseDouble(System.getProperty("recall.memory", "" + d.memory())))
        .support(Double.parseDouble(System.getProperty("recall.support", "" + d.support())))
        .recency(Double.parseDouble(System.getProperty("recall.recency", "" + d.recency())))
        .halfLifeDays(Double.parseDouble(System.getProperty("recall.halfLifeDays", "" + d.halfLifeDays())))
        .importance(Double.parseDouble(System.getProperty("recall.importance", "" + d.importance())))
        .window(Integer.parseInt(System.getProperty("recall.window", "" + d.window())))
        .pool(Integer.parseInt(System.getProperty("recall.pool", "" + d.pool())))
        .build();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/locomo/locomo-dev.json");
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int budget = args.length > 2 ? Integer.parseInt(args[2]) : 1500;
    // A fourth argument names a directory to keep the remembered index in, so that recall can be
    // measured again without remembering again.
    Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("locomo-bench");
    Path saved = dir.resolve("remembered.json");
    ObjectMapper json = new ObjectMapper();
    EmbedderFactory embedders = ServiceLoader.load(EmbedderFactory.class).findFirst().orElseThrow();
    IndexFactory indexes = new dev.engram.lucene.LuceneIndexFactory();
    Encoding cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    try (Embedder model = embedders.create();
        Counting embedder = new Counting(model, embedders.tokenCounter());
        Index index = indexes.open(dev.engram.index.IndexConfig.of("lucene:" + dir, embedder.space()))) {
      Memories memories = new Memories(index, embedder, Clock.systemUTC(),
          new RuleExtractor(ZoneOffset.UTC), new RuleConsolidator(), weights());
      LocomoEval eval = new LocomoEval(memories, cl100k::countTokens);
      List<LocomoConversation> conversations = LocomoFile.read(file);
      LocomoEval.Remembered remembered;
      long cpu0 = cpuNanos();
      if (Files.exists(saved)) {
        remembered = json.readValue(saved.toFile(), LocomoEval.Remembered.class);
      } else {
        remembered = eval.remember(conversations);
        json.writeValue(saved.toFile(), remembered);
        System.out.printf("remember: %d turns, %d embedding calls, %d texts embedded (%.3f per turn),"
            + " %.1f word pieces per turn, %.1f s in embedDocuments of %.1f s%n", remembered.turns(),
            embedder.calls.get(), embedder.texts.get(),
            embedder.texts.get() / (double) remembered.turns(),
            embedder.wordPieces.get() / (double) remembered.turns(),
            embedder.nanos.get() / 1e9, remembered.seconds());
        System.out.printf("remember CPU time: %.1f s (%.1f turns per CPU-second)%n",
            (cpuNanos() - cpu0) / 1e9, remembered.turns() / ((cpuNanos() - cpu0) / 1e9));
      }
      long cpu1 = cpuNanos();
      long queries0 = embedder.queries.get();
      LocomoReport report = eval.ask(conversations, remembered, k, budget);
      // ask recalls twice per question: top-k, then a deeper pool for the budget figure.
      long recalls = 2 * conversations.stream().flatMap(c -> c.questions().stream())
          .filter(q -> q.category() >= 1 && q.category() <= 4 && !q.evidence().isEmpty()).count();
      System.out.printf("recall CPU time: %.2f ms per recall (k and k=60 mixed)%n",
          (cpuNanos() - cpu1) / 1e6 / Math.max(1, recalls));
      System.out.printf("query embeddings per recall: %.3f%n",
          (embedder.queries.get() - queries0) / (double) Math.max(1, recalls));
      cpuPerRecall(memories, conversations, k, embedder);
      System.out.print(report.text());
    }
  }

  /**
   * The calling thread's CPU time of each top-k recall (the one the command times), and of its
   * query embedding: a figure that a loaded machine changes less than wall time.
   */
  private static void cpuPerRecall(Memories memories, List<LocomoConversation> conversations, int k,
      Counting embedder) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    List<Long> cpu = new java.util.ArrayList<>();
    long embed0 = embedder.queryCpu.get();
    for (LocomoConversation c : conversations) {
      dev.engram.common.Scope user = new dev.engram.common.Scope(LocomoEval.TENANT,
          java.util.Optional.of(c.id()), java.util.Optional.empty(), java.util.Optional.empty());
      for (LocomoConversation.Question q : c.questions()) {
        if (q.category() < 1 || q.category() > 4 || q.evidence().isEmpty()) {
          continue;
        }
        long t0 = threads.getCurrentThreadCpuTime();
        memories.recall(new dev.engram.memory.model.RecallQuery(user, q.question(), k,
            java.util.Optional.empty(), false));
        cpu.add(threads.getCurrentThreadCpuTime() - t0);
      }
    }
    long[] sorted = cpu.stream().mapToLong(Long::longValue).sorted().toArray();
    double mean = cpu.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
    System.out.printf("top-%d recall thread CPU: mean %.2f ms, p50 %.2f ms, p95 %.2f ms;"
        + " query embedding %.2f ms of it (mean)%n", k, mean, sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.ceil(0.95 * sorted.length) - 1] / 1e6,
        (embedder.queryCpu.get() - embed0) / 1e6 / sorted.length);
  }

  /** Counts what remember and recall ask of the model: calls, texts, queries, time in the model. */
  private static final class Counting implements Embedder {
    private final Embedder model;
    final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong texts = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong queries = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong queryCpu = new java.util.concurrent.atomic.AtomicLong();
    private static final java.lang.management.ThreadMXBean THREADS =
        java.lang.management.ManagementFactory.getThreadMXBean();

    private final dev.engram.embed.TokenCounter pieces;
    final java.util.concurrent.atomic.AtomicLong wordPieces = new java.util.concurrent.atomic.AtomicLong();

    Counting(Embedder model, dev.engram.embed.TokenCounter pieces) {
      this.model = model;
      this.pieces = pieces;
    }

    @Override
    public dev.engram.common.VectorSpace space() {
      return model.space();
    }

    @Override
    public List<float[]> embedDocuments(List<String> in) {
      calls.incrementAndGet();
      texts.addAndGet(in.size());
      in.forEach(t -> wordPieces.addAndGet(pieces.count(t)));
      long t0 = System.nanoTime();
      try {
        return model.embedDocuments(in);
      } finally {
        nanos.addAndGet(System.nanoTime() - t0);
      }
    }

    @Override
    public float[] embedQuery(String query) {
      queries.incrementAndGet();
      long t0 = THREADS.getCurrentThreadCpuTime();
      try {
        return model.embedQuery(query);
      } finally {
        queryCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - t0);
      }
    }

    @Override
    public int maxTokens() {
      return model.maxTokens();
    }
  }
}
