package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.common.InvalidInputException;
import dev.engram.memory.model.HistoryEntry;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.MemoryWithHistory;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram memories --user U}: lists memories; {@code --id ID} shows one with its history. */
@Command(name = "memories", mixinStandardHelpOptions = true,
    description = "List a user's memories (--session: only that session's; --history: superseded ones too;"
        + " --summaries: the session summaries too, apart),"
        + " or show one with its history (--id).")
final class MemoriesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin RemoteOptions remote;
  @Mixin MemoryScopeOptions scope;

  @Option(names = "--history", description = "Include superseded memories.")
  boolean history;

  @Option(names = "--summaries", description = "Also list the session summaries, apart after the memories"
      + " (they repeat what the memories say; --json always includes them).")
  boolean summaries;

  @Option(names = "--id", paramLabel = "ID", description = "Show this memory with every change made to it.")
  String id;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    var server = remote.client();
    if (server.isPresent()) return RemoteMemory.memories(this, server.get());
    PrintWriter out = spec.commandLine().getOut();
    // A missing owner is the first thing to say, before whether the data directory exists.
    Scope owner = scope.scope().requireOwner("list memories");
    try (Engram engram = data.openReadOnly()) {
      if (id != null) {
        MemoryWithHistory m = engram.memories().get(owner, id).orElseThrow(() -> new InvalidInputException(
            "ENGRAM-306", "no memory with id '" + id + "' for " + scope.owner()));
        if (output.json()) {
          Json.print(out, m);
          return 0;
        }
        print(out, m.memory());
        for (HistoryEntry h : m.history()) {
          out.printf("    %s %-9s %s%s%n", h.time(), h.action(),
              TerminalText.escape(h.reason()), h.text().map(t -> ": " + TerminalText.escape(t)).orElse(""));
        }
        return 0;
      }
      List<Memory> all = engram.memories().list(owner, history);
      if (output.json()) {
        Json.print(out, all);
        return 0;
      }
      List<Memory> beliefs = all.stream().filter(m -> m.kind() != MemoryKind.SUMMARY).toList();
      List<Memory> sessions = all.stream().filter(m -> m.kind() == MemoryKind.SUMMARY).toList();
      beliefs.forEach(m -> print(out, m));
      out.println(beliefs.size() + " memories");
      summaries(out, sessions.size(), summaries, () -> sessions.forEach(m -> print(out, m)));
      return 0;
    }
  }

  /**
   * The session summaries, apart from the memories they repeat: listed when asked, else counted
   * with how to list them.
   */
  static void summaries(PrintWriter out, int count, boolean list, Runnable print) {
    if (count == 0) {
      return;
    }
    if (list) {
      out.println();
      out.println("Session summaries:");
      print.run();
      out.println(count + (count == 1 ? " session summary" : " session summaries"));
    } else {
      out.println(count + (count == 1 ? " session summary" : " session summaries")
          + " not shown (--summaries lists them)");
    }
  }

  private static void print(PrintWriter out, Memory m) {
    out.printf("%s  %-10s %s%n", m.id(), m.kind().name().toLowerCase(), TerminalText.escape(m.text()));
    out.printf("    event %s | valid %s..%s | v%d | importance %.2f | from %s%n", m.eventTime(), m.validFrom(),
        m.validTo().map(Object::toString).orElse("now"), m.version(), m.importance(), String.join(",", m.provenance()));
  }
}
