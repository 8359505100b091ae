package dev.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.Engram;
import dev.engram.common.InvalidInputException;
import dev.engram.Settings;
import dev.engram.common.Scope;
import dev.engram.eval.BeirDataset;
import dev.engram.eval.ProcessMemory;
import dev.engram.eval.RetrievalEval;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.IngestReport;
import dev.engram.retrieval.Fusion;
import dev.engram.retrieval.SearchMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code engram eval retrieval --dataset DIR}: nDCG@10, Recall@100, MRR@10 and latency per mode. */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
    description = "Evaluate search on a BEIR-format dataset (corpus.jsonl, queries.jsonl, qrels/SPLIT.tsv).")
final class EvalRetrievalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin OutputOptions output;

  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "BEIR dataset folder.")
  Path dataset;

  @Option(names = "--split", description = "Qrels split (default: test, or the only split present).")
  String split;

  @Option(names = "--mode", split = ",", description = "Modes to evaluate (default: bm25,dense,hybrid).")
  List<String> modes = List.of("bm25", "dense", "hybrid");

  @Option(names = "--fusion", description = "Hybrid fusion: convex:W (W = dense weight) or rrf:K (default: the engine's).")
  String fusion;

  @Option(names = "--sweep", description = "Also score a grid of fusion settings for hybrid (to choose the default).")
  boolean sweep;

  @Option(names = "--chunk-tokens", description = "Chunk size in tokens (default: ${DEFAULT-VALUE}).")
  int chunkTokens = Settings.defaults().chunkTokens();

  @Option(names = "--overlap-tokens", paramLabel = "N",
      description = "Tokens repeated between consecutive chunks of a section (default: min(32, chunk tokens / 8)).")
  Integer overlapTokens;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Flags.atLeast(spec, "--chunk-tokens", chunkTokens, 16);
    int overlap = overlapTokens == null ? Math.min(32, chunkTokens / 8) : overlapTokens;
    Flags.atLeast(spec, "--overlap-tokens", overlap, 0);
    if (overlap >= chunkTokens / 2) {
      throw new ParameterException(spec.commandLine(), "--overlap-tokens must be less than half of --chunk-tokens ("
          + chunkTokens + "), got: " + overlap);
    }
    BeirDataset ds = BeirDataset.load(dataset, split == null ? defaultSplit(dataset) : split);
    String name = dataset.toAbsolutePath().normalize().getFileName().toString();
    Path dir = data.dir().resolve("eval").resolve(name + "-" + chunkTokens
        + (overlapTokens == null ? "" : "-overlap" + overlap));
    Settings settings = Settings.defaults().withChunking(chunkTokens, overlap);
    if (fusion != null) {
      settings = settings.withFusion(parseFusion(fusion));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("dataset", name);
    report.put("queries", ds.queries().size());
    // A corpus ingested by an earlier run is only read: the eval then works beside a writer.
    boolean built = Files.exists(dir.resolve("first-ingest.json"));
    Engram.Builder builder = Engram.builder().dataDirectory(dir).settings(settings).readOnly(built);
    data.indexUri().ifPresent(builder::index); // --index opensearch://... evaluates that backend
    try (Engram engram = builder.build()) {
      report.put("ingest", ingest(engram, ds, dir, out));
      List<RetrievalEval.ModeResult> results = new ArrayList<>();
      RetrievalEval eval = new RetrievalEval(q -> engram.search(Scope.ofTenant(Scope.DEFAULT_TENANT), q));
      for (String m : modes) {
        RetrievalEval.ModeResult r = eval.run(ds, SearchMode.parse(m));
        results.add(r);
        if (!output.json()) print(out, r, r.mode() == SearchMode.HYBRID ? describe(settings.fusion()) : "");
      }
      report.put("modes", results);
      if (sweep) {
        List<Map<String, Object>> grid = new ArrayList<>();
        for (Fusion f : sweepGrid()) {
          RetrievalEval.ModeResult r = new RetrievalEval(q -> engram.search(Scope.ofTenant(Scope.DEFAULT_TENANT), q, f)).run(ds, SearchMode.HYBRID);
          if (!output.json()) print(out, r, describe(f));
          grid.add(Map.of("fusion", describe(f), "result", r));
        }
        report.put("sweep", grid);
      }
      report.put("residentMiB", Math.round(ProcessMemory.residentMiB()));
      report.put("peakResidentMiB", Math.round(ProcessMemory.peakResidentMiB()));
      if (output.json()) {
        Json.print(out, report);
      } else {
        out.printf("resident memory %d MiB (peak %d MiB)%n", report.get("residentMiB"), report.get("peakResidentMiB"));
        RetrievalEval.ModeResult headline = results.getLast();
        out.printf("nDCG@10 %s %.4f%n", headline.mode().name().toLowerCase(), headline.ndcg10());
      }
    }
    return 0;
  }

  /** Ingests the corpus (a no-op when the index is already built) and returns first-ingest figures. */
  private Map<String, Object> ingest(Engram engram, BeirDataset ds, Path dir, PrintWriter out) throws IOException {
    Path saved = dir.resolve("first-ingest.json");
    ObjectMapper mapper = new ObjectMapper();
    IngestReport report = engram.ingest(Scope.ofTenant(Scope.DEFAULT_TENANT), List.of(ds.corpus()),
        IngestOptions.defaults(), IngestListener.NONE);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("documents", report.added() + report.updated());
    figures.put("chunks", report.chunks());
    figures.put("seconds", report.seconds());
    figures.put("chunksPerSecond", report.chunksPerSecond());
    figures.put("documentsPerSecond", report.documentsPerSecond());
    figures.put("embeddingSeconds", report.embedNanos() / 1e9);
    if (report.added() + report.updated() > 0) {
      mapper.writeValue(saved.toFile(), figures);
    } else if (Files.exists(saved)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> first = mapper.readValue(saved.toFile(), Map.class);
      first.put("reused", true);
      figures = first;
    }
    if (!output.json()) {
      out.printf("ingest: %s docs, %s chunks, %.1f s, %.1f chunks/s, %.1f docs/s%s%n",
          figures.get("documents"), figures.get("chunks"), ((Number) figures.get("seconds")).doubleValue(),
          ((Number) figures.get("chunksPerSecond")).doubleValue(),
          ((Number) figures.get("documentsPerSecond")).doubleValue(),
          figures.containsKey("reused") ? "  (first ingest; index reused from " + dir + ")" : "");
    }
    return figures;
  }

  private static void print(PrintWriter out, RetrievalEval.ModeResult r, String note) {
    out.printf("%-7s nDCG@10 %.4f  Recall@100 %.4f  MRR@10 %.4f  p50 %.2f ms  p95 %.2f ms  (%d queries)%s%n",
        r.mode().name().toLowerCase(), r.ndcg10(), r.recall100(), r.mrr10(), r.p50Millis(), r.p95Millis(),
        r.queries(), note.isEmpty() ? "" : "  " + note);
  }

  private static List<Fusion> sweepGrid() {
    List<Fusion> grid = new ArrayList<>();
    for (int k : new int[] {10, 60}) grid.add(Fusion.rrf(k));
    for (double w = 0.3; w <= 0.81; w += 0.1) grid.add(Fusion.convex(Math.round(w * 10) / 10.0));
    return grid;
  }

  static String describe(Fusion f) {
    return f.method() == Fusion.Method.RRF ? "rrf:" + f.rrfK() : "convex:" + f.denseWeight();
  }

  static Fusion parseFusion(String text) {
    String[] parts = text.split(":");
    try {
      return switch (parts[0]) {
        case "rrf" -> Fusion.rrf(parts.length > 1 ? Integer.parseInt(parts[1]) : 60);
        case "convex" -> Fusion.convex(parts.length > 1 ? Double.parseDouble(parts[1]) : 0.5);
        default -> throw new IllegalArgumentException();
      };
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("ENGRAM-804", "bad --fusion '" + text + "': use convex:W (0..1) or rrf:K");
    }
  }

  private static String defaultSplit(Path dataset) throws IOException {
    if (Files.exists(dataset.resolve("qrels/test.tsv")) || !Files.isDirectory(dataset.resolve("qrels"))) {
      return "test";
    }
    try (var files = Files.list(dataset.resolve("qrels"))) {
      List<String> splits = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tsv")).map(n -> n.substring(0, n.length() - 4)).toList();
      return splits.size() == 1 ? splits.getFirst() : "test";
    }
  }
}
