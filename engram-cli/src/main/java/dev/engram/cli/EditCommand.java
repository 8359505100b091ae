package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.memory.model.Memory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram edit --user U ID "new text"}: corrects a memory by hand. */
@Command(name = "edit", mixinStandardHelpOptions = true,
    description = "Replace the text of a memory (a new version, with an EDIT history entry).")
final class EditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin MemoryScopeOptions scope;

  @Parameters(index = "0", paramLabel = "ID") String id;
  @Parameters(index = "1", paramLabel = "TEXT") String text;

  @Override
  public Integer call() {
    try (Engram engram = data.open()) {
      Memory m = engram.memories().edit(scope.scope(), id, text);
      spec.commandLine().getOut().println("edited " + m.id() + " (v" + m.version() + "): " + TerminalText.escape(m.text()));
      return 0;
    }
  }
}
