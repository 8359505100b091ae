package dev.engram.cli;

import dev.engram.Engram;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code engram erase --user U [--agent A] [--session S]}: removes everything Engram holds about a
 * user, or only what the user's agent or session holds when one is named.
 */
@Command(name = "erase", mixinStandardHelpOptions = true,
    description = "Erase a user (or only one agent or session of the user with --agent/--session): every message,"
        + " memory, summary and history entry of that scope, purged from the stored files, the embedding"
        + " cache and the user's chat line history.")
final class EraseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin RemoteOptions remote;
  @Mixin MemoryScopeOptions scope;

  @Override
  public Integer call() {
    var server = remote.client();
    if (server.isPresent()) return RemoteMemory.erase(this, server.get());
    try (Engram engram = data.open()) {
      Map<String, Integer> counts = engram.memories().erase(scope.scope());
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      // The typed lines are kept per user, not per agent or session: any erase of the user takes them.
      boolean history = ChatHistory.erase(data.dir(), scope.scope());
      spec.commandLine().getOut().println("erased user " + scope.user
          + (scope.agent == null ? "" : " agent " + scope.agent)
          + (scope.session == null ? "" : " session " + scope.session)
          + " (tenant " + scope.tenant + "): " + total + " records " + counts
          + (history ? ", chat line history deleted" : ""));
      return 0;
    }
  }
}
