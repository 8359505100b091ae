// Word pieces and model CPU per document for chunk sizes and overlaps (README "Ingest, third
// round"). Not part of the build; run against the CLI jar's classpath:
//   CP="engram-cli/target/engram-cli.jar:$(ls engram-cli/target/lib/*.jar | tr '\n' ':')"
//   java --enable-native-access=ALL-UNNAMED -cp "$CP" scripts/ChunkCost.java CORPUS.jsonl EMBED_DOCS SIZE OVERLAP [SIZE OVERLAP]...
// EMBED_DOCS 0 only counts; N > 0 also embeds the chunks of the first N documents on one thread
// (one text per run, as ingest does) and reports that thread's CPU per document.
import com.fasterxml.jackson.databind.*;
import dev.engram.knowledge.*;
import dev.engram.models.onnx.*;
import java.lang.management.*;
import java.nio.file.*;
import java.util.*;

public class ChunkCost {
  public static void main(String[] a) throws Exception {
    Path corpus = Path.of(a[0]);
    int embedN = Integer.parseInt(a[1]); // docs to embed (0 = count only)
    ObjectMapper m = new ObjectMapper();
    List<Document> docs = new ArrayList<>();
    for (String line : Files.readAllLines(corpus)) {
      if (line.isBlank()) continue;
      JsonNode n = m.readTree(line);
      String id = n.get("_id").asText();
      String t = n.get("text").asText();
      String title = n.has("title") ? n.get("title").asText() : "";
      docs.add(new Document("d" + id, id, "x#" + id, title, "application/jsonl", t, List.of(), List.of(), Map.of()));
    }
    try (BgeTokenizer tok = BgeTokenizer.load()) {
      WordPieceTokenCounter counter = new WordPieceTokenCounter(tok);
      long raw = 0;
      for (Document d : docs) raw += counter.count(d.title().isBlank() ? d.text() : d.title() + "\n\n" + d.text());
      System.out.printf("docs %d, title+text word pieces %.1f per doc%n", docs.size(), raw / (double) docs.size());
      OnnxEmbedder emb = embedN > 0 ? OnnxEmbedder.create(new OnnxEmbedder.Settings(1, 4096, 1, 1)) : null;
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      for (int k = 2; k + 1 < a.length; k += 2) {
        int size = Integer.parseInt(a[k]), overlap = Integer.parseInt(a[k + 1]);
        Chunker ch = new Chunker(counter, size, overlap, 510);
        long chunks = 0, wp = 0, sq = 0, max = 0;
        List<String> texts = new ArrayList<>();
        int di = 0;
        for (Document d : docs) {
          for (Chunk c : ch.chunk(d)) {
            String s = KnowledgeRecords.indexedText(d, c);
            long n = counter.count(s) + 2;
            chunks++; wp += n; sq += n * n; max = Math.max(max, n);
            if (di < embedN) texts.add(s);
          }
          di++;
        }
        String cpu = "";
        if (emb != null) {
          emb.embedDocuments(texts.subList(0, Math.min(20, texts.size()))); // warm
          long t0 = mx.getCurrentThreadCpuTime();
          emb.embedDocuments(texts);
          double s = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
          cpu = String.format(", model CPU %.1f s for %d docs = %.1f ms/doc", s, embedN, 1000 * s / embedN);
        }
        System.out.printf("size %d overlap %d: chunks %.3f/doc, word pieces %.1f/doc (incl. CLS/SEP), sum sq %.0f/doc, longest %d%s%n",
            size, overlap, chunks / (double) docs.size(), wp / (double) docs.size(), sq / (double) docs.size(), max, cpu);
      }
      if (emb != null) emb.close();
    }
  }
}
