package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.knowledge.KnowledgeDocument;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram documents}: lists the documents of one or more knowledge bases, with their ids. */
@Command(name = "documents", mixinStandardHelpOptions = true,
    description = "List the documents ingested into one or more knowledge bases, with their ids.")
final class DocumentsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin RemoteOptions remote;
  @Mixin KnowledgeScopeOptions knowledge;
  @Mixin OutputOptions output;

  @Option(names = "--limit", description = "At most this many (default: ${DEFAULT-VALUE}).")
  int limit = 100;

  @Override
  public Integer call() {
    var server = remote.client();
    if (server.isPresent()) return RemoteKnowledge.documents(this, server.get());
    PrintWriter out = spec.commandLine().getOut();
    Flags.atLeast(spec, "--limit", limit, 1);
    try (Engram engram = data.openReadOnly()) {
      List<KnowledgeDocument> documents = engram.documents(knowledge.scope(), limit);
      if (output.json()) {
        Json.print(out, documents.stream().map(DocumentsCommand::row).toList());
        return 0;
      }
      boolean severalKbs = knowledge.knowledgeBases().size() > 1;
      int kbWidth = documents.stream().mapToInt(d -> d.knowledgeBase().length()).max().orElse(1);
      for (KnowledgeDocument d : documents) {
        out.printf("%-18s %s%3d chunks  %-40s %s%n", TerminalText.escape(d.id()),
            severalKbs ? String.format("%-" + kbWidth + "s  ", TerminalText.escape(d.knowledgeBase())) : "",
            d.chunks(), TerminalText.escape(d.title()), TerminalText.escape(d.source()));
      }
      out.println(documents.size() + " documents" + (documents.size() == limit ? " (limit reached; use --limit)" : ""));
      return 0;
    }
  }

  /**
   * One document for {@code --json}; the keys are those of earlier versions plus knowledge_base
   * and externalId (a JSONL record's {@code _id}, empty for a file).
   */
  private static Map<String, Object> row(KnowledgeDocument d) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", d.id());
    row.put("externalId", d.externalId());
    row.put("knowledge_base", d.knowledgeBase());
    row.put("title", d.title());
    row.put("source", d.source());
    row.put("mediaType", d.mediaType());
    row.put("chunks", d.chunks());
    return row;
  }
}
