package dev.engram.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.common.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A retrieval test collection in BEIR layout: {@code corpus.jsonl}, {@code queries.jsonl} and
 * {@code qrels/SPLIT.tsv} (header {@code query-id corpus-id score}, graded).
 *
 * @param dir the folder
 * @param queries query id to text, only for queries judged in the split, in file order
 * @param qrels query id to (document id to grade)
 */
public record BeirDataset(Path dir, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {

  public Path corpus() {
    return dir.resolve("corpus.jsonl");
  }

  /** Loads queries and judgements of {@code split}; the corpus is read later by ingest. */
  public static BeirDataset load(Path dir, String split) {
    Path corpus = dir.resolve("corpus.jsonl");
    Path queriesFile = dir.resolve("queries.jsonl");
    Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
    for (Path p : new Path[] {corpus, queriesFile, qrelsFile}) {
      if (!Files.isRegularFile(p)) {
        throw new InvalidInputException("ENGRAM-801", "not a BEIR dataset: " + p + " is missing;"
            + " expected corpus.jsonl, queries.jsonl and qrels/" + split + ".tsv in " + dir);
      }
    }
    Map<String, Map<String, Integer>> qrels = readQrels(qrelsFile);
    Map<String, String> queries = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    int line = 0;
    try (BufferedReader in = Files.newBufferedReader(queriesFile, StandardCharsets.UTF_8)) {
      for (String s; (s = in.readLine()) != null; ) {
        line++;
        if (s.isBlank()) continue;
        JsonNode q = json.readTree(s);
        String id = q.path("_id").asText("");
        if (qrels.containsKey(id)) queries.put(id, q.path("text").asText(""));
      }
    } catch (IOException e) {
      throw new InvalidInputException("ENGRAM-802", queriesFile + " line " + line
          + " is not valid JSON: " + e.getMessage(), e);
    }
    return new BeirDataset(dir, queries, qrels);
  }

  private static Map<String, Map<String, Integer>> readQrels(Path file) {
    Map<String, Map<String, Integer>> qrels = new HashMap<>();
    int line = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String s; (s = in.readLine()) != null; ) {
        line++;
        String[] cols = s.split("\t");
        if (line == 1 && cols[0].equals("query-id") || s.isBlank()) continue;
        if (cols.length < 3) throw new IOException("expected 3 tab-separated columns");
        qrels.computeIfAbsent(cols[0], k -> new HashMap<>()).put(cols[1], Integer.parseInt(cols[2].strip()));
      }
    } catch (IOException | NumberFormatException e) {
      throw new InvalidInputException("ENGRAM-803", file + " line " + line + ": " + e.getMessage()
          + " (expected: query-id<TAB>corpus-id<TAB>score)", e);
    }
    return qrels;
  }
}
