package dev.engram.cli;

import dev.engram.client.EngramClient;
import dev.engram.client.MemoryChange;
import dev.engram.client.MemoryInfo;
import dev.engram.client.Owner;
import dev.engram.client.Page;
import dev.engram.client.RecallQuery;
import dev.engram.client.RecalledMemory;
import dev.engram.client.Remembered;
import dev.engram.common.Scope;
import dev.engram.memory.model.Message;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParameterException;

/**
 * The remote half of the memory commands (remember, recall, memories, forget, erase): the same
 * output as locally where the API returns the same facts, through a server.
 */
final class RemoteMemory {
  private static final int PAGE = 100;

  private RemoteMemory() {}

  /** The owner of the command's scope on the server: its tenant is the key's. */
  static Owner owner(MemoryScopeOptions o, RemoteOptions remote, String action) {
    remote.noTenant(o.tenant);
    Scope s = o.scope().requireOwner(action);
    return new Owner(s.user().orElse(""), s.agent().orElse(""), s.session().orElse(""));
  }

  /** Remembers the messages the command read, session by session, as the local command does. */
  static int remember(RememberCommand c, EngramClient client, Map<String, List<Message>> bySession) {
    Owner owner = owner(c.scope, c.remote, "remember");
    PrintWriter out = c.spec.commandLine().getOut();
    List<Remembered> results = new ArrayList<>();
    for (Map.Entry<String, List<Message>> e : bySession.entrySet()) {
      List<dev.engram.client.Message> messages = e.getValue().stream().map(m -> {
        var wire = dev.engram.client.Message.of(m.role(), m.text()).named(m.speaker());
        return m.eventTime().map(wire::at).orElse(wire);
      }).toList();
      results.add(client.remember(owner.withSession(e.getKey()), messages, true));
    }
    if (c.output.json()) {
      Json.print(out, results);
      return 0;
    }
    int messages = 0;
    for (Remembered r : results) {
      messages += r.episodeIds().size();
      for (Remembered.Event d : r.results()) {
        out.printf("%-9s %s  (%s%s)%n", d.event(), TerminalText.escape(d.memory()), d.id(),
            d.previousId().map(id -> "; replaces " + id).orElse(""));
      }
    }
    out.println("remembered " + messages + " message(s)");
    return 0;
  }

  static int recall(RecallCommand c, EngramClient client) {
    PrintWriter out = c.spec.commandLine().getOut();
    RecallQuery q = RecallQuery.of(owner(c.scope, c.remote, "recall"), c.query).withTopK(c.top.k());
    if (c.asOf != null) q = q.asOf(Times.parse(c.asOf, "--as-of"));
    if (c.history) q = q.withHistory();
    long t0 = System.nanoTime();
    List<RecalledMemory> results = client.recall(q);
    double ms = (System.nanoTime() - t0) / 1e6;
    if (c.output.json()) {
      Json.print(out, results);
      return 0;
    }
    int n = 1;
    for (RecalledMemory r : results) {
      out.printf("[%d] %-8s %s%n", n++, r.kind(), TerminalText.escape(r.memory().replaceAll("[ \\t\\n\\r]+", " ")));
      out.printf("    event %s | valid %s..%s | from %s%n", r.eventTime(), r.validFrom(),
          r.validTo().map(Object::toString).orElse("now"), String.join(",", r.provenance()));
      var s = r.scores();
      out.printf("    score %.3f = relevance %.3f (bm25 %.3f, dense %.3f), recency %.3f, importance %.2f%n",
          r.score(), s.relevance(), s.text(), s.dense(), s.recency(), s.importance());
    }
    out.printf("%d results, %.1f ms%n", results.size(), ms);
    return 0;
  }

  static int memories(MemoriesCommand c, EngramClient client) {
    PrintWriter out = c.spec.commandLine().getOut();
    Owner owner = owner(c.scope, c.remote, "list memories");
    if (c.id != null) {
      MemoryInfo m = client.memory(c.id);
      List<MemoryChange> history = client.history(c.id);
      if (c.output.json()) {
        Json.print(out, Map.of("memory", m, "history", history));
        return 0;
      }
      print(out, m);
      for (MemoryChange h : history) {
        out.printf("    %s %-9s %s%s%n", h.time(), h.event(), TerminalText.escape(h.reason()),
            h.text().map(t -> ": " + TerminalText.escape(t)).orElse(""));
      }
      return 0;
    }
    List<MemoryInfo> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      Page<MemoryInfo> p = client.memories(owner, c.history, page, PAGE);
      all.addAll(p.results());
      if (p.results().isEmpty() || all.size() >= p.total()) {
        break;
      }
    }
    if (c.output.json()) {
      Json.print(out, all);
      return 0;
    }
    List<MemoryInfo> beliefs = all.stream().filter(m -> !m.kind().equals("summary")).toList();
    List<MemoryInfo> sessions = all.stream().filter(m -> m.kind().equals("summary")).toList();
    beliefs.forEach(m -> print(out, m));
    out.println(beliefs.size() + " memories");
    MemoriesCommand.summaries(out, sessions.size(), c.summaries, () -> sessions.forEach(m -> print(out, m)));
    return 0;
  }

  private static void print(PrintWriter out, MemoryInfo m) {
    out.printf("%s  %-10s %s%n", m.id(), m.kind(), TerminalText.escape(m.memory()));
    out.printf("    event %s | valid %s..%s | v%d | importance %.2f | from %s%n", m.eventTime(), m.validFrom(),
        m.validTo().map(Instant::toString).orElse("now"), m.version(), m.importance(), String.join(",", m.provenance()));
  }

  static int forget(ForgetCommand c, EngramClient client) {
    c.remote.noTenant(c.scope.tenant);
    for (String id : c.ids) {
      client.forget(id);
      c.spec.commandLine().getOut().println("forgot " + id);
    }
    return 0;
  }

  static int erase(EraseCommand c, EngramClient client) {
    c.remote.noTenant(c.scope.tenant);
    if (c.scope.agent != null || c.scope.session != null) {
      throw new ParameterException(c.spec.commandLine(), "--agent/--session with --server: the server erases"
          + " a whole user (DELETE /v1/users/U); drop them, or erase the agent or session locally");
    }
    String user = c.scope.scope().requireOwner("erase").user().orElseThrow(() -> new ParameterException(
        c.spec.commandLine(), "erase needs --user U"));
    Map<String, Integer> counts = client.eraseUser(user).erased();
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    c.spec.commandLine().getOut().println("erased user " + user + " (the key's tenant): " + total + " records " + counts);
    return 0;
  }
}
