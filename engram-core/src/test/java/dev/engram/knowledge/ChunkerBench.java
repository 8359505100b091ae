package dev.engram.knowledge;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.engram.embed.TokenCounter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints how fast a JSONL corpus is parsed and chunked, with a whitespace-word counter and with
 * jtokkit cl100k. Usage: {@code ChunkerBench <corpus.jsonl> [maxTokens] [overlapTokens]}.
 */
final class ChunkerBench {
  private ChunkerBench() {}

  public static void main(String[] args) {
    Path corpus = Path.of(args.length > 0 ? args[0] : "/work/shared/data/scifact/corpus.jsonl");
    int max = args.length > 1 ? Integer.parseInt(args[1]) : Chunker.DEFAULT_MAX_TOKENS;
    int overlap = args.length > 2 ? Integer.parseInt(args[2]) : Chunker.DEFAULT_OVERLAP_TOKENS;
    List<Document> docs = List.of();
    for (int round = 1; round <= 2; round++) {
      long t0 = System.nanoTime();
      docs = new Parsers().parse(corpus, new SourceInfo(null, null, Map.of()));
      System.out.printf(Locale.ROOT, "round %d: parsed %d documents in %.0f ms%n", round,
          docs.size(), (System.nanoTime() - t0) / 1e6);
    }
    Encoding cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    Map<String, TokenCounter> counters =
        Map.of("words", new WordCounter(), "cl100k", cl100k::countTokens);
    for (String name : List.of("words", "cl100k")) {
      Chunker chunker = new Chunker(counters.get(name), max, overlap);
      long countStart = System.nanoTime();
      long tokens = 0;
      for (Document doc : docs) {
        tokens += counters.get(name).count(doc.text());
      }
      System.out.printf(Locale.ROOT, "%-6s counting alone: %d tokens in %.0f ms%n", name, tokens,
          (System.nanoTime() - countStart) / 1e6);
      for (int round = 1; round <= 3; round++) {
        long start = System.nanoTime();
        long chunks = 0;
        long chars = 0;
        for (Document doc : docs) {
          for (Chunk c : chunker.chunk(doc)) {
            chunks++;
            chars += c.text().length();
          }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf(Locale.ROOT,
            "%-6s round %d: %d chunks (%.0f chars avg) in %.0f ms = %.0f docs/s%n", name, round,
            chunks, (double) chars / chunks, ms, docs.size() / (ms / 1000));
      }
    }
  }
}
