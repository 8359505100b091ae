package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.eval.beliefs.BeliefsEval;
import dev.engram.eval.beliefs.BeliefsReport;
import dev.engram.eval.beliefs.BeliefsScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram eval beliefs [--file SCRIPT] [--misses]}: replays scripted conversations through
 * memory with the rules (no LLM) and reports what Engram then believes against what it should.
 */
@Command(name = "beliefs", mixinStandardHelpOptions = true,
    description = "Replay scripted conversations (the bundled script, or --file) through memory with the rules,"
        + " and report live-fact precision and recall, supersedes done and false NOOPs.")
final class EvalBeliefsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin OutputOptions output;

  @Option(names = "--file", paramLabel = "SCRIPT",
      description = "A beliefs script in JSON (default: the bundled one, " + BeliefsScript.BUNDLED + ").")
  Path file;

  @Option(names = "--misses", description = "Also print every miss: facts not kept, wrong live memories,"
      + " supersedes not done, false NOOPs.")
  boolean misses;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    BeliefsScript script = file == null ? BeliefsScript.bundled() : BeliefsScript.read(file);
    Path dir = data.dir().resolve("eval").resolve("beliefs");
    Dirs.deleteRecursively(dir); // every run starts from an empty memory
    Engram.Builder builder = Engram.builder().settings(Settings.defaults().withLlmMemory(false));
    data.clock().ifPresent(builder::clock);
    try (Engram engram = builder.dataDirectory(dir).build()) {
      BeliefsReport report = new BeliefsEval(engram.memories()).run(script);
      if (output.json()) {
        Json.print(out, report);
      } else {
        out.print(report.text(misses));
        out.flush();
      }
    }
    return 0;
  }
}
