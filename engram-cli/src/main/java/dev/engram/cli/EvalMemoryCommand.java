package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.eval.memory.LocomoEval;
import dev.engram.eval.memory.LocomoFile;
import dev.engram.eval.memory.LocomoReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram eval memory --locomo FILE}: evidence recall of memory on LoCoMo conversations. */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Remember LoCoMo conversations, recall for every question (categories 1-4), report evidence recall.")
final class EvalMemoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--locomo", required = true, paramLabel = "FILE", description = "A LoCoMo JSON file.")
  Path locomo;

  @Option(names = "--k", description = "Results per question (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--budget", description = "Context budget in tokens (cl100k) (default: ${DEFAULT-VALUE}).")
  int budget = 1500;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    var conversations = LocomoFile.read(locomo);
    // Remember throughput is part of the report, so every run starts from an empty store.
    Path dir = DataOptions.of(spec).dir().resolve("eval").resolve("locomo");
    deleteRecursively(dir);
    try (Engram engram = Engram.open(dir)) {
      LocomoReport report = new LocomoEval(engram.memories(), new Cl100kTokenCounter()).run(conversations, k, budget);
      if (json) {
        Json.print(out, report);
      } else {
        out.println(report.text());
      }
    }
    return 0;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
