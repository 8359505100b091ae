package dev.engram.cli;

import dev.engram.Engram;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram delete DOC_ID...} or {@code engram delete --source PATH}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete documents by id, or every document of a file or folder (--source).")
final class DeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Parameters(paramLabel = "DOC_ID", arity = "1..*", description = "Document ids (see `engram documents`).")
    List<String> ids;

    @Option(names = "--source", paramLabel = "PATH", description = "A file or folder that was ingested.")
    Path source;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Engram engram = DataOptions.of(spec).open()) {
      if (target.source != null) {
        int n = engram.deleteSource(dev.engram.common.Scope.ofTenant(dev.engram.common.Scope.DEFAULT_TENANT), target.source);
        out.println("deleted " + n + " documents from " + target.source.toAbsolutePath().normalize());
        return 0;
      }
      for (String id : target.ids) {
        engram.deleteDocument(dev.engram.common.Scope.ofTenant(dev.engram.common.Scope.DEFAULT_TENANT), id);
        out.println("deleted " + id);
      }
      return 0;
    }
  }
}
