package dev.engram.cli;

import dev.engram.lucene.LuceneOptions;
import dev.engram.lucene.bench.VectorBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram bench ...}: performance figures measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
    subcommands = {BenchCommand.Vectors.class, BenchAskCommand.class, BenchServerCommand.class,
        BenchEmbedCommand.class, BenchUpstreamCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Synthetic clustered vectors: HNSW build time, kNN latency and recall against exact search. */
  @Command(name = "vectors", mixinStandardHelpOptions = true,
      description = "Build an HNSW index of clustered unit vectors; report build time, kNN p50/p95, recall@10 vs exact.")
  static final class Vectors implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", description = "Vectors (default: ${DEFAULT-VALUE}).") int n = 100_000;
    @Option(names = "--dims", description = "Dimensions (default: ${DEFAULT-VALUE}).") int dims = 384;
    @Option(names = "--centroids", description = "Clusters (default: ${DEFAULT-VALUE}).") int centroids = 2_000;
    @Option(names = "--queries", description = "Queries (default: ${DEFAULT-VALUE}).") int queries = 1_000;
    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed = 42;
    @Option(names = "--threads", description = "Indexing threads (default: all cores).") int threads =
        Runtime.getRuntime().availableProcessors();
    @Option(names = "--candidates", description = "kNN candidates per query (default: ${DEFAULT-VALUE}).") int candidates = 50;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Path dir = Files.createTempDirectory("engram-bench-vectors");
      try {
        LuceneOptions options = LuceneOptions.defaults().withKnnCandidates(candidates);
        out.printf("vectors n=%d dims=%d centroids=%d queries=%d threads=%d candidates=%d%n",
            n, dims, centroids, queries, threads, candidates);
        out.println(VectorBench.run(dir, n, dims, centroids, queries, seed, threads, options, true));
        return 0;
      } finally {
        Dirs.deleteRecursively(dir);
      }
    }
  }
}
