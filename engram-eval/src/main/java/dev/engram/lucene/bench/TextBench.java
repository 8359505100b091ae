package dev.engram.lucene.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.common.VectorSpace;
import dev.engram.lucene.LuceneIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.IOUtils;

/**
 * Measures BM25 quality (nDCG@10) and latency on a BEIR-format collection (corpus.jsonl,
 * queries.jsonl, qrels/&lt;split&gt;.tsv), indexing {@code title + " " + text}. Prints figures.
 */
public final class TextBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextBench() {}

  /** Usage: {@code TextBench <beir-folder> [split=train]}. */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    String split = args.length > 1 ? args[1] : "train";
    Map<String, Map<String, Integer>> qrels = qrels(folder.resolve("qrels/" + split + ".tsv"));
    Path dir = Files.createTempDirectory("engram-text-bench");
    try (LuceneIndex index = LuceneIndex.open(dir, new VectorSpace("none", 1))) {
      Collection docs = index.collection("docs");
      long start = System.nanoTime();
      List<IndexRecord> batch = new ArrayList<>();
      for (JsonNode doc : jsonl(folder.resolve("corpus.jsonl"))) {
        String text = doc.path("title").asText() + " " + doc.path("text").asText();
        batch.add(new IndexRecord(doc.get("_id").asText(), text, new float[0], Map.of(),
            Map.of()));
      }
      index.write(WriteBatch.builder().upsert("docs", batch).build());
      System.out.printf("indexed %d docs in %.1f s%n", batch.size(),
          (System.nanoTime() - start) / 1e9);

      List<JsonNode> queries = jsonl(folder.resolve("queries.jsonl")).stream()
          .filter(q -> qrels.containsKey(q.get("_id").asText())).toList();
      for (JsonNode q : queries) { // warm-up
        docs.searchText(q.get("text").asText(), Filter.all(), 10);
      }
      long[] nanos = new long[queries.size()];
      double ndcg = 0;
      for (int i = 0; i < queries.size(); i++) {
        long t0 = System.nanoTime();
        List<IndexHit> hits = docs.searchText(queries.get(i).get("text").asText(),
            Filter.all(), 10);
        nanos[i] = System.nanoTime() - t0;
        ndcg += ndcg10(hits, qrels.get(queries.get(i).get("_id").asText()));
      }
      Arrays.sort(nanos);
      System.out.printf("%d queries (%s): nDCG@10 %.4f | bm25 p50 %.3f ms p95 %.3f ms%n",
          queries.size(), split, ndcg / queries.size(), nanos[nanos.length / 2] / 1e6,
          nanos[(int) Math.ceil(nanos.length * 0.95) - 1] / 1e6);
    } finally {
      IOUtils.rm(dir);
    }
  }

  private static double ndcg10(List<IndexHit> hits, Map<String, Integer> relevant) {
    double dcg = 0;
    for (IndexHit hit : hits) {
      dcg += relevant.getOrDefault(hit.record().id(), 0) / log2(hit.rank() + 2);
    }
    int[] ideal = relevant.values().stream().mapToInt(Integer::intValue)
        .map(x -> -x).sorted().map(x -> -x).limit(10).toArray();
    double idcg = 0;
    for (int i = 0; i < ideal.length; i++) {
      idcg += ideal[i] / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static List<JsonNode> jsonl(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
    }
    return nodes;
  }

  private static Map<String, Map<String, Integer>> qrels(Path tsv) throws IOException {
    Map<String, Map<String, Integer>> qrels = new HashMap<>();
    List<String> lines = Files.readAllLines(tsv);
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.split("\t");
      int score = Integer.parseInt(cols[2].strip());
      if (score > 0) {
        qrels.computeIfAbsent(cols[0], q -> new HashMap<>()).put(cols[1], score);
      }
    }
    return qrels;
  }
}
