package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.index.IndexRecord;
import dev.engram.knowledge.KnowledgeRecords;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram documents}: lists ingested documents with their ids. */
@Command(name = "documents", mixinStandardHelpOptions = true, description = "List ingested documents.")
final class DocumentsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--limit", description = "At most this many (default: ${DEFAULT-VALUE}).")
  int limit = 100;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Engram engram = DataOptions.of(spec).openReadOnly()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (dev.engram.knowledge.KnowledgeDocument d : engram.documents(dev.engram.common.Scope.ofTenant(dev.engram.common.Scope.DEFAULT_TENANT), limit)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", d.id());
        row.put("title", d.title());
        row.put("source", d.source());
        row.put("mediaType", d.mediaType());
        row.put("chunks", d.chunks());
        rows.add(row);
      }
      if (json) {
        Json.print(out, rows);
      } else {
        for (Map<String, Object> row : rows) {
          out.printf("%-18s %3d chunks  %-40s %s%n", row.get("id"), row.get("chunks"), row.get("title"), row.get("source"));
        }
        out.println(rows.size() + " documents" + (rows.size() == limit ? " (limit reached; use --limit)" : ""));
      }
      return 0;
    }
  }
}
