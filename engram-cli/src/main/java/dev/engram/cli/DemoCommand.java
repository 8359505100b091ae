package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.IngestReport;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code engram demo}: the product tour on a small bundled knowledge base, offline. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Ingest the bundled sample knowledge base and run a few cited searches (offline).")
final class DemoCommand implements Callable<Integer> {
  static final List<String> SAMPLE_FILES =
      List.of("getting-started.md", "troubleshooting.html", "warranty.txt", "release-notes.md");
  static final List<String> QUESTIONS = List.of(
      "How do I factory reset the hub?",
      "Which Wi-Fi bands does the hub support?",
      "How long is the warranty in Europe?");

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DataOptions data = DataOptions.of(spec);
    Path kb = writeSampleKnowledgeBase(data.dir().resolve("sample-kb"));
    out.println("Engram demo: data directory " + data.dir().toAbsolutePath().normalize());
    out.println("Generation is off (no LLM endpoint configured): showing retrieval with citations.");
    out.println();
    try (Engram engram = data.open()) {
      out.println("== Ingest the sample knowledge base (" + kb + ")");
      IngestReport report = engram.ingest(List.of(kb), IngestOptions.defaults(), IngestListener.NONE);
      out.println(report.summary());
      for (String q : QUESTIONS) {
        out.println();
        out.println("== Search: " + q);
        List<SearchHit> hits = engram.search(SearchRequest.of(q, 3));
        SearchCommand.print(out, hits);
      }
    }
    out.println();
    out.println("Next: `./engram search \"your question\"`, `./engram ingest YOUR_FOLDER`, `./engram --help`.");
    return 0;
  }

  static Path writeSampleKnowledgeBase(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name : SAMPLE_FILES) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/sample-kb/" + name)) {
          if (in == null) {
            throw new IllegalStateException("sample file " + name + " is missing from the jar");
          }
          Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sample knowledge base to " + dir, e);
    }
  }
}
