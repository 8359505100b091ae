package dev.engram.lucene.bench;

import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import dev.engram.common.VectorSpace;
import dev.engram.lucene.LuceneIndex;
import dev.engram.lucene.LuceneOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.VectorUtil;

/**
 * Measures HNSW build time, kNN latency and recall@10 on seeded, clustered unit vectors, against an
 * exact brute-force scan. Prints figures; asserts nothing.
 */
public final class VectorBench {
  private static final int K = 10;
  private static final int BATCH = 1_000;
  private static final double NOISE = 0.05;

  private VectorBench() {}

  /**
   * The figures of one run.
   *
   * @param buildSeconds upsert from {@code threads} threads, commit and merge to one graph
   * @param buildCpuSeconds CPU time of this process during the build (all threads): unlike wall
   *     time, it does not grow when other processes compete for the cores
   * @param segments segments (HNSW graphs) flushed by the load, before any merge
   * @param p50Ms median kNN query time (k=10) after warm-up
   * @param p95Ms 95th percentile kNN query time
   * @param recallAt10 share of the exact top 10 that the kNN search returned
   * @param exactP95Ms 95th percentile of a brute-force scan over all vectors
   */
  public record Result(double buildSeconds, double buildCpuSeconds, int segments, double p50Ms,
      double p95Ms, double recallAt10, double exactP95Ms) {
    @Override
    public String toString() {
      return String.format(
          "build %.1f s (cpu %.1f s, %d segments loaded) | knn p50 %.3f ms p95 %.3f ms"
              + " | recall@10 %.3f | exact scan p95 %.2f ms",
          buildSeconds, buildCpuSeconds, segments, p50Ms, p95Ms, recallAt10, exactP95Ms);
    }
  }

  /** Runs the benchmark with default index options and a final merge to one segment. */
  public static Result run(Path dir, int n, int dims, int centroids, int queries, long seed,
      int threads) throws Exception {
    return run(dir, n, dims, centroids, queries, seed, threads, LuceneOptions.defaults(), true);
  }

  /** Runs the benchmark with the given index options; {@code merge} merges to one graph. */
  public static Result run(Path dir, int n, int dims, int centroids, int queries, long seed,
      int threads, LuceneOptions options, boolean merge) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] centres = new float[centroids][];
    for (int c = 0; c < centroids; c++) {
      centres[c] = unit(gaussian(random, dims, 1.0));
    }
    float[][] data = new float[n][];
    for (int i = 0; i < n; i++) {
      data[i] = noisy(centres[random.nextInt(centroids)], random);
    }
    float[][] probes = new float[queries][];
    for (int q = 0; q < queries; q++) {
      probes[q] = noisy(centres[random.nextInt(centroids)], random);
    }
    try (LuceneIndex index = LuceneIndex.open(dir, new VectorSpace("bench", dims), options, false)) {
      Collection vectors = index.collection("vectors");
      long start = System.nanoTime();
      long startCpu = processCpuNanos();
      load(index, data, threads);
      index.commitBulk();
      int segments = segmentCount(dir.resolve("store"));
      if (merge) {
        index.optimize();
      }
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      double buildCpuSeconds = (processCpuNanos() - startCpu) / 1e9;

      for (int w = 0; w < Math.min(queries, 200); w++) { // warm-up: JIT and page cache
        vectors.searchVector(probes[w], Filter.all(), K);
      }
      long[] knnNanos = new long[queries];
      long[] exactNanos = new long[queries];
      double recall = 0;
      for (int q = 0; q < queries; q++) {
        long t0 = System.nanoTime();
        List<IndexHit> hits = vectors.searchVector(probes[q], Filter.all(), K);
        long t1 = System.nanoTime();
        int[] exact = exactTop(data, probes[q]);
        long t2 = System.nanoTime();
        knnNanos[q] = t1 - t0;
        exactNanos[q] = t2 - t1;
        recall += overlap(hits, exact) / (double) K;
      }
      return new Result(buildSeconds, buildCpuSeconds, segments, percentile(knnNanos, 50),
          percentile(knnNanos, 95), recall / queries, percentile(exactNanos, 95));
    }
  }

  private static void load(LuceneIndex index, float[][] data, int threads) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int from = (int) ((long) data.length * t / threads);
        int to = (int) ((long) data.length * (t + 1) / threads);
        parts.add(pool.submit(() -> {
          for (int b = from; b < to; b += BATCH) {
            List<IndexRecord> batch = new ArrayList<>(BATCH);
            for (int i = b; i < Math.min(to, b + BATCH); i++) {
              batch.add(new IndexRecord(Integer.toString(i), "", data[i], Map.of(), Map.of()));
            }
            index.bulkAdd("vectors", batch);
          }
        }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    }
  }

  /** Indices of the K vectors with the highest dot product (cosine: all are unit vectors). */
  private static int[] exactTop(float[][] data, float[] query) {
    int[] best = new int[K];
    float[] scores = new float[K];
    Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < data.length; i++) {
      float score = VectorUtil.dotProduct(data[i], query);
      if (score > scores[K - 1]) {
        int pos = K - 1;
        while (pos > 0 && scores[pos - 1] < score) {
          scores[pos] = scores[pos - 1];
          best[pos] = best[pos - 1];
          pos--;
        }
        scores[pos] = score;
        best[pos] = i;
      }
    }
    return best;
  }

  private static int segmentCount(Path collection) throws java.io.IOException {
    try (var files = Files.list(collection)) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".si")).count();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static int overlap(List<IndexHit> hits, int[] exact) {
    int found = 0;
    for (IndexHit hit : hits) {
      int id = Integer.parseInt(hit.record().id());
      for (int e : exact) {
        found += e == id ? 1 : 0;
      }
    }
    return found;
  }

  private static float[] noisy(float[] centre, SplittableRandom random) {
    float[] v = gaussian(random, centre.length, NOISE);
    for (int d = 0; d < v.length; d++) {
      v[d] += centre[d];
    }
    return unit(v);
  }

  private static float[] gaussian(SplittableRandom random, int dims, double sigma) {
    float[] v = new float[dims];
    for (int d = 0; d < dims; d++) {
      v[d] = (float) (random.nextGaussian() * sigma);
    }
    return v;
  }

  private static float[] unit(float[] v) {
    float norm = (float) Math.sqrt(VectorUtil.dotProduct(v, v));
    for (int d = 0; d < v.length; d++) {
      v[d] /= norm;
    }
    return v;
  }

  private static double percentile(long[] nanos, int pct) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int at = Math.min(sorted.length - 1, (int) Math.ceil(pct / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, at)] / 1e6;
  }

  /**
   * Runs the benchmark: {@code VectorBench [n=100000] [dims=384] [centroids=2000] [queries=1000]
   * [seed=42] [threads=cores] [m=16] [beam=50] [candidates=50] [merge=true] [dir=tmp]}, the
   * graph and candidate defaults coming from {@link LuceneOptions#defaults()}.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    int n = Integer.parseInt(opts.getOrDefault("n", "100000"));
    int dims = Integer.parseInt(opts.getOrDefault("dims", "384"));
    int centroids = Integer.parseInt(opts.getOrDefault("centroids", "2000"));
    int queries = Integer.parseInt(opts.getOrDefault("queries", "1000"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = Integer.parseInt(opts.getOrDefault("threads", Integer.toString(cores)));
    LuceneOptions defaults = LuceneOptions.defaults();
    LuceneOptions options = defaults
        .withGraph(intOption(opts, "m", defaults.maxConn()),
            intOption(opts, "beam", defaults.beamWidth()))
        .withKnnCandidates(intOption(opts, "candidates", defaults.knnCandidates()));
    boolean merge = Boolean.parseBoolean(opts.getOrDefault("merge", "true"));
    boolean temporary = !opts.containsKey("dir");
    Path dir = temporary ? Files.createTempDirectory("engram-vector-bench")
        : Path.of(opts.get("dir"));
    System.out.printf(
        "vectors n=%d dims=%d centroids=%d queries=%d seed=%d threads=%d %s merge=%s%n",
        n, dims, centroids, queries, seed, threads, options, merge);
    try {
      System.out.println(run(dir, n, dims, centroids, queries, seed, threads, options, merge));
    } finally {
      if (temporary) {
        IOUtils.rm(dir);
      }
    }
  }

  private static int intOption(Map<String, String> opts, String name, int fallback) {
    return Integer.parseInt(opts.getOrDefault(name, Integer.toString(fallback)));
  }
}
