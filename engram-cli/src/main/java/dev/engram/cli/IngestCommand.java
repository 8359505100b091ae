package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.common.InvalidInputException;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.IngestReport;
import dev.engram.knowledge.Parsers;
import dev.engram.knowledge.SourceErrors;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engram ingest [--tenant T] [--kb NAME] PATH...}: adds files and folders to a knowledge base. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest files and folders (.txt .md .html .pdf .jsonl), recursively, into one knowledge base"
        + " of a tenant. Unchanged files are skipped.")
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin RemoteOptions remote;
  @Mixin KnowledgeTargetOptions target;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders.")
  List<Path> paths;

  @Option(names = "--tag", paramLabel = "TAG", description = "Tag every document (repeatable); filter with --filter tag=TAG.")
  List<String> tags = List.of();

  @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Metadata on every document (repeatable).")
  Map<String, String> meta = new LinkedHashMap<>();

  @Option(names = "--max-file-size", paramLabel = "MB", description = "Skip files larger than this (default: ${DEFAULT-VALUE}).")
  long maxFileMb = IngestOptions.DEFAULT_MAX_FILE_BYTES / (1024 * 1024);

  @Option(names = "--chunk-tokens", paramLabel = "N",
      description = "Chunk size in the embedder's tokens, the title > section header included;"
          + " at most the embedder's window, 510 for bge-small (default: ${DEFAULT-VALUE}).")
  int chunkTokens = Settings.defaults().chunkTokens();

  @Override
  public Integer call() {
    requireFiles(paths);
    var server = remote.client();
    if (server.isPresent()) return RemoteKnowledge.ingest(this, server.get());
    PrintWriter out = spec.commandLine().getOut();
    Flags.atLeast(spec, "--chunk-tokens", chunkTokens, 16);
    Flags.atLeast(spec, "--max-file-size", maxFileMb, 1);
    Map<String, String> metadata = new LinkedHashMap<>(meta);
    if (!tags.isEmpty()) {
      metadata.put("tags", String.join(",", tags));
    }
    IngestOptions options = new IngestOptions(metadata, maxFileMb * 1024 * 1024);
    Settings settings = Settings.defaults().withChunking(chunkTokens, Math.min(32, chunkTokens / 8));
    try (Engram engram = data.open(settings);
        Progress progress = new Progress(!output.json() && System.console() != null)) {
      IngestReport report = engram.ingest(target.scope(), paths, options, progress);
      progress.close();
      if (output.json()) {
        Json.print(out, report);
      } else {
        for (IngestReport.Skipped s : report.skipped()) {
          out.println("skipped " + s.file() + ": " + s.reason());
        }
        out.println(report.summary());
      }
      return report.files() > 0 && report.skipped().size() == report.files() ? 1 : 0;
    }
  }

  /**
   * Fails before the data directory is opened or anything is sent when a path does not exist, or
   * when every path is a folder without a file Engram reads: such a folder used to ingest "0
   * files" and exit 0, which reads as success.
   */
  static void requireFiles(List<Path> paths) {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw SourceErrors.missing(p);
      }
    }
    Parsers parsers = new Parsers(IngestOptions.DEFAULT_MAX_FILE_BYTES);
    if (paths.stream().allMatch(p -> Files.isDirectory(p) && parsers.files(p).isEmpty())) {
      throw new InvalidInputException(SourceErrors.NOTHING_TO_INGEST, "nothing to ingest: "
          + (paths.size() == 1 ? "the folder " + paths.getFirst() + " holds" : "the folders "
              + paths.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
              + " hold")
          + " no ." + String.join(", .", parsers.supportedExtensions()) + " file (hidden files and"
          + " folders are left out); add such files, or name a file to see why it is refused");
    }
  }

  /** A progress bar on a terminal; silent otherwise. */
  static final class Progress implements IngestListener, AutoCloseable {
    private final boolean enabled;
    private ProgressBar bar;

    Progress(boolean enabled) {
      this.enabled = enabled;
    }

    @Override
    public void started(int files) {
      if (enabled) {
        bar = new ProgressBarBuilder().setTaskName("ingest").setInitialMax(files)
            .setStyle(ProgressBarStyle.ASCII).setUnit(" files", 1).build();
      }
    }

    @Override
    public void fileDone(String file) {
      if (bar != null) {
        bar.step();
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}
