package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.index.Filter;
import dev.engram.retrieval.Scores;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchMode;
import dev.engram.retrieval.SearchRequest;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram search "query"}: cited hits from the knowledge bases of a tenant. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Search the documents ingested into one or more knowledge bases;"
        + " every hit cites its document and character span.")
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin RemoteOptions remote;
  @Mixin KnowledgeScopeOptions knowledge;
  @Mixin TopOptions top;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "QUERY", description = "What to look for.")
  String query;

  @Option(names = "--mode", paramLabel = "MODE", description = "bm25, dense or hybrid (default: ${DEFAULT-VALUE}).")
  String mode = "hybrid";

  @Option(names = "--filter", paramLabel = "KEY=VALUE",
      description = "Exact-match metadata filter (repeatable): tag, doc (document id), _id (a JSONL record's own id),"
          + " source, title, mediaType, or any --meta key or JSONL field.")
  Map<String, String> filters = new LinkedHashMap<>();

  @Override
  public Integer call() {
    var server = remote.client();
    if (server.isPresent()) return RemoteKnowledge.search(this, server.get());
    PrintWriter out = spec.commandLine().getOut();
    Filter filter = Filter.all();
    for (Map.Entry<String, String> f : filters.entrySet()) {
      filter = filter.and(f.getKey(), f.getValue());
    }
    int k = top.k();
    SearchRequest request = new SearchRequest(
        query, k, SearchMode.parse(mode), filter, SearchRequest.defaultCandidates(k));
    Scope scope = knowledge.scope();
    try (Engram engram = data.openReadOnly()) {
      long t0 = System.nanoTime();
      List<SearchHit> hits = engram.search(scope, request);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (output.json()) {
        Json.print(out, hits);
        return 0;
      }
      if (hits.isEmpty()) {
        out.println("no hits" + (engram.documents(scope, 1).isEmpty() ? ": " + nothingIngested() : ""));
        return 0;
      }
      print(out, hits);
      out.printf("%d hits, %s, %.1f ms%n", hits.size(), request.mode().name().toLowerCase(), ms);
      return 0;
    }
  }

  /** Says that the scope searched holds no document yet, and how to ingest into it. */
  private String nothingIngested() {
    String tenant = knowledge.tenant;
    List<String> kbs = knowledge.knowledgeBases();
    if (tenant.equals(Scope.DEFAULT_TENANT) && kbs.equals(List.of(Scope.DEFAULT_KB))) {
      // Other tenants and knowledge bases of the directory may hold documents: say which was read.
      return "nothing is ingested in knowledge base default of tenant default in " + data.dir()
          + " yet (try `engram ingest DIR` or `engram demo`; documents ingested with --tenant or --kb"
          + " are searched with the same --tenant and --kb)";
    }
    return "nothing is ingested in knowledge base" + (kbs.size() == 1 ? " " : "s ") + String.join(", ", kbs)
        + " of tenant " + tenant + " in " + data.dir()
        + " yet (try `engram ingest --tenant " + tenant + " --kb " + kbs.getFirst() + " DIR`)";
  }

  static void print(PrintWriter out, List<SearchHit> hits) {
    int n = 1;
    for (SearchHit hit : hits) {
      out.printf("[%d] %s  (doc %s%s, chars %d-%d%s%s)%n", n++, TerminalText.escape(hit.title()),
          TerminalText.escape(hit.documentId()),
          hit.externalId().isEmpty() ? "" : ", _id " + TerminalText.escape(hit.externalId()), hit.start(), hit.end(), hit.page() > 0 ? ", page " + hit.page() : "",
          hit.sectionPath().isEmpty() ? "" : ", section " + TerminalText.escape(String.join(" > ", hit.sectionPath())));
      out.println("    " + TerminalText.escape(hit.source()));
      out.println("    " + describe(hit.scores()));
      out.println("    " + snippet(hit.text(), 300));
    }
  }

  static String describe(Scores s) {
    StringBuilder b = new StringBuilder(String.format("score %.4f", s.fused()));
    s.bm25Score().ifPresent(v -> b.append(String.format(" | bm25 %.3f (#%d)", v, s.bm25Rank() + 1)));
    s.denseScore().ifPresent(v -> b.append(String.format(" | dense %.3f (#%d)", v, s.denseRank() + 1)));
    return b.toString();
  }

  /** {@code text} on one line, cut at {@code max} characters, its control characters escaped. */
  static String snippet(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return TerminalText.escape(flat.length() <= max ? flat : flat.substring(0, max) + "...");
  }
}
