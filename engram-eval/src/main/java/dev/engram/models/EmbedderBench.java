package dev.engram.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.models.onnx.BgeTokenizer;
import dev.engram.models.onnx.OnnxEmbedder;
import dev.engram.models.onnx.WordPieceTokenCounter;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prints the throughput and query latency of {@link OnnxEmbedder} on SciFact, and LangChain4j's
 * embedding of the same texts for comparison.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ... \
 *   dev.engram.models.EmbedderBench [--data DIR] [--docs 500] [--queries 200] [--batch 16]
 *   [--batch-tokens 4096] [--workers 2] [--intra 1] [--chunk 256] [--sweep] [--langchain4j]
 * </pre>
 */
public final class EmbedderBench {
  private EmbedderBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path data = Path.of(opts.getOrDefault("data", "/work/shared/data/scifact"));
    int docCount = Integer.parseInt(opts.getOrDefault("docs", "500"));
    int queryCount = Integer.parseInt(opts.getOrDefault("queries", "200"));
    int chunkTokens = Integer.parseInt(opts.getOrDefault("chunk", "256"));
    List<String> docs = read(data.resolve("corpus.jsonl"), docCount, true);
    List<String> queries = read(data.resolve("queries.jsonl"), queryCount, false);
    OnnxEmbedder.Settings base = OnnxEmbedder.Settings.defaults();
    OnnxEmbedder.Settings settings =
        new OnnxEmbedder.Settings(
            Integer.parseInt(opts.getOrDefault("batch", "" + base.batchSize())),
            Integer.parseInt(opts.getOrDefault("batch-tokens", "" + base.batchTokens())),
            Integer.parseInt(opts.getOrDefault("workers", "" + base.workers())),
            Integer.parseInt(opts.getOrDefault("intra", "" + base.intraOpThreads())));
    try (BgeTokenizer tokenizer = BgeTokenizer.load()) {
      WordPieceTokenCounter counter = new WordPieceTokenCounter(tokenizer);
      List<String> chunks = chunk(docs, counter, chunkTokens);
      long docTokens = docs.stream().mapToLong(d -> Math.min(510, counter.count(d))).sum();
      long chunkTokenSum = chunks.stream().mapToLong(counter::count).sum();
      System.out.printf(
          "SciFact: %d docs (%d tokens after truncation at 512), %d chunks of <= %d tokens"
              + " (%d tokens), %d queries; %d cores%n",
          docs.size(), docTokens, chunks.size(), chunkTokens, chunkTokenSum, queries.size(),
          Runtime.getRuntime().availableProcessors());
      countBench(counter, docs);
      List<OnnxEmbedder.Settings> runs = new ArrayList<>();
      if (opts.containsKey("sweep")) {
        for (int[] s : new int[][] {{1, 4096, 2, 1}, {1, 4096, 1, 2}, {8, 4096, 2, 1}}) {
          runs.add(new OnnxEmbedder.Settings(s[0], s[1], s[2], s[3]));
        }
      } else {
        runs.add(settings);
      }
      for (OnnxEmbedder.Settings run : runs) {
        long start = System.nanoTime();
        try (OnnxEmbedder embedder = new OnnxEmbedder(tokenizer, run)) {
          System.out.printf("%n%s (load %.0f ms)%n", run, millis(start));
          embedder.embedDocuments(docs.subList(0, Math.min(32, docs.size()))); // warm-up
          throughput("whole docs", embedder.embedDocuments(docs).size(), docs.size(), docTokens,
              timed(() -> embedder.embedDocuments(docs)));
          throughput("chunks", chunks.size(), docs.size(), chunkTokenSum,
              timed(() -> embedder.embedDocuments(chunks)));
          latency(embedder, queries);
        }
      }
      if (opts.containsKey("langchain4j")) {
        langchain4j(docs, chunks, docTokens, chunkTokenSum);
      }
    }
  }

  private static void countBench(WordPieceTokenCounter counter, List<String> docs) {
    List<String> sentences = new ArrayList<>();
    docs.forEach(d -> sentences.addAll(Arrays.asList(d.split("(?<=[.!?])\\s+"))));
    sentences.forEach(counter::count);
    long start = System.nanoTime();
    long tokens = 0;
    for (String s : sentences) {
      tokens += counter.count(s);
    }
    double ms = millis(start);
    System.out.printf(
        "token counter: %d sentences in %.0f ms = %.1f us/sentence, %.0f tokens/s%n",
        sentences.size(), ms, ms * 1000 / sentences.size(), tokens / ms * 1000);
  }

  private static void langchain4j(
      List<String> docs, List<String> chunks, long docTokens, long chunkTokens) {
    int cores = Runtime.getRuntime().availableProcessors();
    try (ExecutorService pool = Executors.newFixedThreadPool(cores)) {
      BgeSmallEnV15QuantizedEmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel(pool);
      List<TextSegment> docSegments = docs.stream().map(TextSegment::from).toList();
      List<TextSegment> chunkSegments = chunks.stream().map(TextSegment::from).toList();
      System.out.printf("%nLangChain4j BgeSmallEnV15QuantizedEmbeddingModel (%d threads)%n", cores);
      model.embedAll(docSegments.subList(0, Math.min(32, docs.size())));
      throughput("whole docs", docs.size(), docs.size(), docTokens,
          timed(() -> model.embedAll(docSegments)));
      throughput("chunks", chunks.size(), docs.size(), chunkTokens,
          timed(() -> model.embedAll(chunkSegments)));
    }
  }

  private static void latency(OnnxEmbedder embedder, List<String> queries) {
    queries.subList(0, Math.min(20, queries.size())).forEach(embedder::embedQuery);
    double[] ms = new double[queries.size()];
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      embedder.embedQuery(queries.get(i));
      ms[i] = millis(start);
    }
    Arrays.sort(ms);
    System.out.printf(
        "  query embedding: p50 %.2f ms, p95 %.2f ms, max %.2f ms over %d queries%n",
        ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1], ms[ms.length - 1],
        ms.length);
  }

  private static void throughput(String what, int items, int docs, long tokens, double ms) {
    System.out.printf(
        "  %-10s %5d items in %6.0f ms: %6.1f docs/s, %6.1f items/s, %7.0f tokens/s%n",
        what, items, ms, docs / ms * 1000, items / ms * 1000, tokens / ms * 1000);
  }

  /** Packs sentences greedily into chunks of at most {@code max} tokens (long sentences cut). */
  private static List<String> chunk(List<String> docs, WordPieceTokenCounter counter, int max) {
    List<String> chunks = new ArrayList<>();
    for (String doc : docs) {
      StringBuilder current = new StringBuilder();
      int tokens = 0;
      for (String sentence : doc.split("(?<=[.!?])\\s+")) {
        int n = counter.count(sentence);
        if (tokens > 0 && tokens + n > max) {
          chunks.add(current.toString());
          current.setLength(0);
          tokens = 0;
        }
        current.append(current.isEmpty() ? "" : " ").append(sentence);
        tokens += n;
      }
      if (!current.isEmpty()) {
        chunks.add(current.toString());
      }
    }
    return chunks;
  }

  private static List<String> read(Path file, int limit, boolean withTitle) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (var lines = Files.lines(file)) {
      return lines
          .limit(limit)
          .map(line -> parse(json, line))
          .map(n -> withTitle ? n.path("title").asText() + " " + n.path("text").asText()
              : n.path("text").asText())
          .toList();
    }
  }

  private static JsonNode parse(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double timed(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return millis(start);
  }

  private static double millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i].replaceFirst("^--", "");
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      opts.put(key, flag ? "true" : args[++i]);
    }
    return opts;
  }
}
