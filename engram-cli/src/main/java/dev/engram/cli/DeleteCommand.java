package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.common.Scope;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram delete DOC_ID...} or {@code engram delete --source PATH}, in one knowledge base. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete documents of a knowledge base by id, or every document of a file or folder (--source).")
final class DeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin KnowledgeTargetOptions target;

  @ArgGroup(multiplicity = "1")
  Selection selection;

  static final class Selection {
    @Parameters(paramLabel = "DOC_ID", arity = "1..*", description = "Document ids (see `engram documents`), or a JSONL record's _id when one document has it.")
    List<String> ids;

    @Option(names = "--source", paramLabel = "PATH", description = "A file or folder that was ingested.")
    Path source;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Scope scope = target.scope();
    try (Engram engram = data.open()) {
      if (selection.source != null) {
        int n = engram.deleteSource(scope, selection.source);
        Path source = selection.source.toAbsolutePath().normalize();
        if (n == 0) {
          // Exit 1 as for an unknown id: a mistyped path deletes nothing, and must not read as done.
          spec.commandLine().getErr().println("no document of knowledge base '" + target.knowledgeBase()
              + "' (tenant '" + scope.tenant() + "') came from " + source + ": `engram documents`"
              + " lists each document's source (add the --tenant and --kb it was ingested with)");
          return 1;
        }
        out.println("deleted " + n + " documents from " + source);
        return 0;
      }
      for (String id : selection.ids) {
        engram.deleteDocument(scope, id);
        out.println("deleted " + id);
      }
      return 0;
    }
  }
}
