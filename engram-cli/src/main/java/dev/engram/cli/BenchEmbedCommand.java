package dev.engram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.models.onnx.OnnxEmbedder;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code engram bench embed}: query embedding on the in-process model, from many threads at once
 * (as a server's search requests embed their queries), and long queries.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embed SciFact queries from concurrent threads on the in-process model; report"
        + " queries/s, latency p50/p95/p99 and CPU per query.")
final class BenchEmbedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scifact", paramLabel = "DIR",
      description = "A BEIR folder whose queries.jsonl is read (default: ${DEFAULT-VALUE}).")
  Path scifact = Path.of("../shared/data/scifact");

  @Option(names = "--clients", split = ",",
      description = "Concurrent threads, one run each (default: ${DEFAULT-VALUE}).")
  List<Integer> clients = List.of(1, 16);

  @Option(names = "--n", description = "Queries embedded per run (default: ${DEFAULT-VALUE}).")
  int n = 1_000;

  @Option(names = "--words",
      description = "Make each query this many words long by appending the next queries (0: as they are; default: ${DEFAULT-VALUE}).")
  int words = 0;

  @Option(names = "--query-tokens",
      description = "Word pieces of a query the model reads (default: the embedder's, "
          + OnnxEmbedder.QUERY_TOKENS + ").")
  int queryTokens = OnnxEmbedder.QUERY_TOKENS;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > 1024)) {
      throw new ParameterException(spec.commandLine(), "--clients must each be between 1 and 1024, got: " + clients);
    }
    if (n < 1 || words < 0) {
      throw new ParameterException(spec.commandLine(), "--n must be >= 1 and --words >= 0, got: " + n + ", " + words);
    }
    if (queryTokens < 1 || queryTokens > OnnxEmbedder.MAX_TEXT_TOKENS) {
      throw new ParameterException(spec.commandLine(), "--query-tokens must be between 1 and "
          + OnnxEmbedder.MAX_TEXT_TOKENS + " (the model's window), got: " + queryTokens);
    }
    Path file = scifact.resolve("queries.jsonl");
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "no queries file " + file + ": give --scifact DIR, a BEIR folder");
    }
    List<String> queries = lengthened(read(file), words);
    if (queries.isEmpty()) {
      throw new ParameterException(spec.commandLine(), file + " has no queries");
    }
    OnnxEmbedder.Settings base = OnnxEmbedder.Settings.defaults();
    OnnxEmbedder.Settings settings = new OnnxEmbedder.Settings(base.batchSize(),
        base.batchTokens(), base.workers(), base.intraOpThreads(), queryTokens);
    try (OnnxEmbedder embedder = OnnxEmbedder.create(settings)) {
      out.printf(Locale.ROOT, "%d queries (%s), %d cores, query tokens %d%n", queries.size(),
          words == 0 ? "as they are" : words + " words each",
          Runtime.getRuntime().availableProcessors(), queryTokens);
      run(embedder, queries, 1, Math.min(n, 50)); // warm-up, not printed
      for (int c : clients) {
        out.println(run(embedder, queries, c, n));
      }
    }
    out.flush();
    return 0;
  }

  private static String run(OnnxEmbedder embedder, List<String> queries, int threads, int count) {
    long[] nanos = new long[count];
    AtomicInteger next = new AtomicInteger();
    Runnable client = () -> {
      for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
        long t0 = System.nanoTime();
        embedder.embedQuery(queries.get(i % queries.size()));
        nanos[i] = System.nanoTime() - t0;
      }
    };
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(Thread.ofPlatform().name("bench-embed-" + t).start(client));
    }
    for (Thread t : running) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuMs = (processCpuNanos() - cpu0) / 1e6;
    Arrays.sort(nanos);
    return String.format(Locale.ROOT,
        "clients %2d: %5d queries in %6.2f s, %7.1f queries/s, p50 %6.2f ms, p95 %6.2f ms,"
            + " p99 %6.2f ms, CPU %.2f ms per query",
        threads, count, seconds, count / seconds, ms(nanos, 0.50), ms(nanos, 0.95),
        ms(nanos, 0.99), cpuMs / count);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * q) - 1)] / 1e6;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Each query followed by the next ones until it has {@code words} words (0: unchanged). */
  static List<String> lengthened(List<String> queries, int words) {
    if (words <= 0) {
      return queries;
    }
    List<String> out = new ArrayList<>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      List<String> taken = new ArrayList<>();
      for (int j = i; taken.size() < words; j = (j + 1) % queries.size()) {
        for (String w : queries.get(j).split("\\s+")) {
          if (taken.size() < words && !w.isEmpty()) {
            taken.add(w);
          }
        }
      }
      out.add(String.join(" ", taken));
    }
    return out;
  }

  private static List<String> read(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        JsonNode n = json.readTree(line);
        out.add(n.path("text").asText());
      }
    }
    return out;
  }
}
