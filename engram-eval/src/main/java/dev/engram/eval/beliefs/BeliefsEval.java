package dev.engram.eval.beliefs;

import dev.engram.common.Checks;
import dev.engram.common.Scope;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Decision;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RememberResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays a {@link BeliefsScript} through {@link Memories} and scores what it then believes.
 * Every user is its own owner (tenant {@value #TENANT}), every turn one remember call of one
 * message, {@link #STEP} after the one before from {@link #START}, so a later contradiction is
 * also later in time. A message with no speaker in the script has speaker {@code user}, as a
 * {@code remember --file} line without one. Memories are matched to facts by {@link FactMatch}.
 */
public final class BeliefsEval {
  /** The tenant the users are remembered in. */
  public static final String TENANT = "beliefs";
  /** When the first turn of every user is said (a Monday). */
  public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  /** Time between two turns: conversations with a memory run over days, not seconds. */
  public static final Duration STEP = Duration.ofDays(1);
  private static final String SESSION = "chat";

  private final Memories memories;

  /** @param memories an empty memory store (the evaluation writes into tenant {@value #TENANT}) */
  public BeliefsEval(Memories memories) {
    this.memories = Checks.notNull(memories, "memories");
  }

  /** Replays every user of {@code script} and reports. */
  public BeliefsReport run(BeliefsScript script) {
    Tally total = new Tally();
    List<Long> nanos = new ArrayList<>();
    for (BeliefsScript.User u : script.users()) {
      score(u, replay(u, nanos), total);
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return total.report(script.users().size(), sorted.length, percentile(sorted, 0.5),
        percentile(sorted, 0.95));
  }

  private record Replayed(Scope owner, List<RememberResult> results, Map<String, Integer> turnOf) {}

  private Replayed replay(BeliefsScript.User u, List<Long> nanos) {
    Scope owner = new Scope(TENANT, Optional.of(u.id()), Optional.empty(), Optional.empty());
    List<RememberResult> results = new ArrayList<>();
    Map<String, Integer> turnOf = new HashMap<>();
    for (int i = 0; i < u.turns().size(); i++) {
      BeliefsScript.Turn t = u.turns().get(i);
      String speaker = t.role().equals("user") ? u.speaker().orElse("user") : t.role();
      Message m = new Message(t.role(), speaker, t.text(),
          Optional.of(START.plus(STEP.multipliedBy(i))));
      long t0 = System.nanoTime();
      RememberResult r = memories.remember(owner.withSession(SESSION), List.of(m));
      nanos.add(System.nanoTime() - t0);
      results.add(r);
      r.messageIds().forEach(id -> turnOf.put(id, results.size() - 1));
    }
    return new Replayed(owner, results, turnOf);
  }

  private void score(BeliefsScript.User u, Replayed r, Tally tally) {
    List<BeliefsScript.Fact> facts = new ArrayList<>();
    Set<String> superseded = new HashSet<>();
    for (BeliefsScript.Turn t : u.turns()) {
      facts.addAll(t.facts());
      t.facts().forEach(f -> f.supersedes().ifPresent(superseded::add));
    }
    List<Memory> all = memories.list(r.owner(), true).stream()
        .filter(m -> m.kind() != MemoryKind.SUMMARY).toList();
    List<Memory> live = all.stream().filter(Memory::live)
        .sorted(Comparator.comparingInt((Memory m) -> firstTurn(m, r.turnOf())).thenComparing(Memory::id))
        .toList();
    List<Memory> closed = all.stream().filter(m -> !m.live()).toList();

    // Precision: in the order they were said, a live memory is right when it states an expected
    // live fact no earlier live memory stated.
    Set<String> claimed = new HashSet<>();
    for (Memory m : live) {
      tally.liveMemories++;
      List<BeliefsScript.Fact> stated = facts.stream().filter(f -> FactMatch.states(m.text(), f)).toList();
      List<BeliefsScript.Fact> fresh = stated.stream()
          .filter(f -> !superseded.contains(f.id()) && !claimed.contains(f.id())).toList();
      if (!fresh.isEmpty()) {
        tally.correct++;
        fresh.forEach(f -> claimed.add(f.id()));
        continue;
      }
      String why;
      if (stated.stream().anyMatch(f -> !superseded.contains(f.id()))) {
        why = "duplicate";
      } else if (!stated.isEmpty()) {
        why = "stale";
      } else if (chitChat(m, u, r.turnOf())) {
        why = "chit-chat";
      } else {
        why = "unmatched";
      }
      tally.wrong.merge(why, 1, Integer::sum);
      tally.misses.add(u.id() + " " + why + " live memory: " + m.text());
    }

    for (int i = 0; i < u.turns().size(); i++) {
      BeliefsScript.Turn t = u.turns().get(i);
      List<Decision> decisions = r.results().get(i).decisions();
      if (t.restates().isPresent()) {
        tally.restatements++;
        if (decisions.stream().noneMatch(d -> d.action() == Action.ADD || d.action() == Action.SUPERSEDE)) {
          tally.restatementsKept++;
        } else {
          tally.misses.add(u.id() + " restatement added a memory: " + t.text());
        }
      }
      for (BeliefsScript.Fact f : t.facts()) {
        Row row = new Row();
        row.facts = 1;
        boolean expectedLive = !superseded.contains(f.id());
        if (expectedLive) {
          row.expectedLive = 1;
          if (live.stream().anyMatch(m -> FactMatch.states(m.text(), f))) {
            row.recalled = 1;
          } else {
            tally.misses.add(u.id() + " missed " + f.category() + " fact '" + f.id() + "': " + t.text());
          }
        }
        if (f.supersedes().isPresent()) {
          row.supersedes = 1;
          BeliefsScript.Fact old = facts.stream().filter(o -> o.id().equals(f.supersedes().get()))
              .findFirst().orElseThrow();
          boolean done = closed.stream().anyMatch(m -> FactMatch.states(m.text(), old))
              && live.stream().noneMatch(m -> FactMatch.states(m.text(), old));
          row.supersedesDone = done ? 1 : 0;
          if (!done) {
            tally.misses.add(u.id() + " supersede not done ('" + old.id() + "' by '" + f.id() + "'): " + t.text());
          }
        }
        Optional<Decision> noop = decisions.stream()
            .filter(d -> d.action() == Action.NOOP && FactMatch.states(d.text(), f)).findFirst();
        if (noop.isPresent()) {
          row.falseNoops = 1;
          tally.misses.add(u.id() + " false NOOP of '" + f.id() + "': " + t.text() + " (" + noop.get().reason() + ")");
        }
        tally.add(f.category(), f.shape(), row);
      }
    }
  }

  private static int firstTurn(Memory m, Map<String, Integer> turnOf) {
    return m.provenance().stream().map(turnOf::get).filter(java.util.Objects::nonNull)
        .min(Integer::compare).orElse(Integer.MAX_VALUE);
  }

  private static boolean chitChat(Memory m, BeliefsScript.User u, Map<String, Integer> turnOf) {
    int turn = firstTurn(m, turnOf);
    return turn < u.turns().size() && u.turns().get(turn).chitChat();
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** Counts of one fact, or summed over a category, a shape or all facts. */
  private static final class Row {
    int facts;
    int expectedLive;
    int recalled;
    int supersedes;
    int supersedesDone;
    int falseNoops;

    void add(Row o) {
      facts += o.facts;
      expectedLive += o.expectedLive;
      recalled += o.recalled;
      supersedes += o.supersedes;
      supersedesDone += o.supersedesDone;
      falseNoops += o.falseNoops;
    }

    BeliefsReport.Row named(String name) {
      return new BeliefsReport.Row(name, facts, expectedLive, recalled, supersedes, supersedesDone, falseNoops);
    }
  }

  /** The running sums over all users. */
  private static final class Tally {
    int liveMemories;
    int correct;
    int restatements;
    int restatementsKept;
    final Map<String, Integer> wrong = new LinkedHashMap<>();
    final List<String> misses = new ArrayList<>();
    final Row all = new Row();
    final Map<String, Row> byCategory = new TreeMap<>();
    final Map<String, Row> byShape = new TreeMap<>();

    void add(String category, String shape, Row row) {
      all.add(row);
      byCategory.computeIfAbsent(category, k -> new Row()).add(row);
      byShape.computeIfAbsent(shape, k -> new Row()).add(row);
    }

    BeliefsReport report(int users, int turns, double p50, double p95) {
      return new BeliefsReport(users, turns, liveMemories, correct, ratio(correct, liveMemories),
          all.expectedLive, all.recalled, ratio(all.recalled, all.expectedLive), all.supersedes,
          all.supersedesDone, ratio(all.supersedesDone, all.supersedes), all.facts, all.falseNoops,
          ratio(all.falseNoops, all.facts), restatements, restatementsKept, wrong, p50, p95,
          byCategory.entrySet().stream().map(e -> e.getValue().named(e.getKey())).toList(),
          byShape.entrySet().stream().map(e -> e.getValue().named(e.getKey())).toList(), misses);
    }

    private static double ratio(int part, int whole) {
      return whole == 0 ? 0 : (double) part / whole;
    }
  }
}
