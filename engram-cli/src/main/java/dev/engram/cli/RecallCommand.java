package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram recall --user U "query"}: what Engram remembers that matters for a query. */
@Command(name = "recall", mixinStandardHelpOptions = true,
    description = "Recall memories and past messages of a user relevant to a query.")
final class RecallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin RemoteOptions remote;
  @Mixin MemoryScopeOptions scope;

  @Parameters(paramLabel = "QUERY") String query;

  @Mixin TopOptions top;

  @Option(names = "--as-of", paramLabel = "TIME", description = "What was true at that time, e.g. 2024-05-08.")
  String asOf;

  @Option(names = "--history", description = "Include superseded memories.")
  boolean history;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    var server = remote.client();
    if (server.isPresent()) return RemoteMemory.recall(this, server.get());
    PrintWriter out = spec.commandLine().getOut();
    // Arguments are checked before the data directory is opened: a wrong one is the first thing to say.
    RecallQuery q = RecallQuery.of(scope.scope().requireOwner("recall"), query).withK(top.k());
    if (asOf != null) q = q.asOf(Times.parse(asOf, "--as-of"));
    if (history) q = q.withHistory();
    try (Engram engram = data.openReadOnly()) {
      long t0 = System.nanoTime();
      List<RecalledMemory> results = engram.memories().recall(q);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (output.json()) {
        Json.print(out, results);
        return 0;
      }
      int n = 1;
      for (RecalledMemory r : results) {
        out.printf("[%d] %-8s %s%n", n++, r.kind().name().toLowerCase(), TerminalText.escape(r.text().replaceAll("[ \\t\\n\\r]+", " ")));
        out.printf("    event %s | valid %s..%s | from %s%n", r.eventTime(), r.validFrom(),
            r.validTo().map(Object::toString).orElse("now"), String.join(",", r.provenance()));
        out.printf("    score %.3f = relevance %.3f (bm25 %.3f, dense %.3f), recency %.3f, importance %.2f%n",
            r.scores().score(), r.scores().relevance(), r.scores().text(), r.scores().dense(),
            r.scores().recency(), r.scores().importance());
      }
      out.printf("%d results, %.1f ms%n", results.size(), ms);
      return 0;
    }
  }
}
