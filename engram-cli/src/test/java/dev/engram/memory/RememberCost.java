package dev.engram.memory;

import dev.engram.common.Scope;
import dev.engram.common.VectorSpace;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbedderFactory;
import dev.engram.eval.memory.LocomoConversation;
import dev.engram.eval.memory.LocomoFile;
import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.memory.consolidate.RuleConsolidator;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.model.Message;
import dev.engram.memory.recall.RecallWeights;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one remember call per turn costs besides the model, as a server or {@code engram ask}
 * remembers: LoCoMo turns remembered one per call (each session's turns in order at the
 * session's time), with the calling thread's CPU split into the model's and the rest. A
 * single-text call runs the model on the calling thread, so the split is exact. Usage: {@code
 * RememberCost FILE [turns] [dir]}.
 */
public final class RememberCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private RememberCost() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int limit = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("remember-cost");
    EmbedderFactory embedders = ServiceLoader.load(EmbedderFactory.class).findFirst().orElseThrow();
    try (Embedder model = embedders.create();
        Timed embedder = new Timed(model);
        Index index = new dev.engram.lucene.LuceneIndexFactory()
            .open(IndexConfig.of("lucene:" + dir, embedder.space()))) {
      Memories memories = new Memories(index, embedder, Clock.systemUTC(),
          new RuleExtractor(ZoneOffset.UTC), new RuleConsolidator(), RecallWeights.defaults());
      int turns = 0;
      long cpu = 0;
      long wall = 0;
      outer:
      for (LocomoConversation c : LocomoFile.read(file)) {
        Scope user = new Scope("cost", Optional.of(c.id()), Optional.empty(), Optional.empty());
        for (LocomoConversation.Session s : c.sessions()) {
          for (LocomoConversation.Turn t : s.turns()) {
            if (turns == limit) {
              break outer;
            }
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            memories.remember(user.withSession(s.name()),
                List.of(new Message("user", t.speaker(), t.text(), Optional.empty())), s.time());
            wall += System.nanoTime() - w0;
            cpu += THREADS.getCurrentThreadCpuTime() - c0;
            turns++;
          }
        }
      }
      System.out.printf("%d turns, one per call: thread CPU %.2f ms per call, of it the model"
          + " %.2f ms and the rest %.2f ms; wall %.2f ms per call%n", turns, cpu / 1e6 / turns,
          embedder.cpu.get() / 1e6 / turns, (cpu - embedder.cpu.get()) / 1e6 / turns,
          wall / 1e6 / turns);
    }
  }

  /** Adds up the calling thread's CPU time in the model. */
  private static final class Timed implements Embedder {
    private final Embedder model;
    final AtomicLong cpu = new AtomicLong();

    Timed(Embedder model) {
      this.model = model;
    }

    @Override
    public VectorSpace space() {
      return model.space();
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      try {
        return model.embedDocuments(texts);
      } finally {
        cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - t0);
      }
    }

    @Override
    public float[] embedQuery(String query) {
      return model.embedQuery(query);
    }

    @Override
    public int maxTokens() {
      return model.maxTokens();
    }
  }
}
