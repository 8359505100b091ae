package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.memory.Forgotten;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram forget --user U ID...}: deletes memories by id. */
@Command(name = "forget", mixinStandardHelpOptions = true,
    description = "Forget memories by id, everywhere: the memory, its text in the messages it came from and in"
        + " answers that repeated it, the session summaries and the embedding cache (the history keeps a FORGET"
        + " entry without the text).")
final class ForgetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin RemoteOptions remote;
  @Mixin MemoryScopeOptions scope;

  @Parameters(paramLabel = "ID", arity = "1..*") List<String> ids;

  @Override
  public Integer call() {
    var server = remote.client();
    if (server.isPresent()) return RemoteMemory.forget(this, server.get());
    try (Engram engram = data.open()) {
      for (String id : ids) {
        Forgotten f = engram.memories().forget(scope.scope(), id);
        spec.commandLine().getOut().println("forgot " + id + ": taken out of " + f.messagesChanged()
            + " messages, " + f.messagesDeleted() + " messages deleted, " + f.summariesRebuilt()
            + " session summaries rebuilt");
      }
      return 0;
    }
  }
}
