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
    try (Engram engram = DataOptions.of(spec).open()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (IndexRecord r : engram.documents(limit)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("title", r.keyword(KnowledgeRecords.TITLE).orElse(""));
        row.put("source", r.keyword(KnowledgeRecords.SOURCE).orElse(""));
        row.put("mediaType", r.keyword(KnowledgeRecords.MEDIA_TYPE).orElse(""));
        row.put("chunks", r.longValue(KnowledgeRecords.CHUNK_COUNT).orElse(0L));
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
