package dev.engram.eval.memory;

import dev.engram.common.Checks;
import dev.engram.embed.TokenCounter;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.RememberResult;
import dev.engram.common.Scope;
import dev.engram.memory.recall.Recaller;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the LoCoMo memory evaluation on an empty {@link Memories}: each conversation is its own
 * user (tenant {@value #TENANT}), each session is remembered in one call at its date-time with
 * both speakers' turns, then every question of categories 1-4 is recalled. A result covers the
 * dialog ids its provenance maps to, but only when its provenance has at most three messages, so
 * summaries and broad memories cover nothing.
 */
public final class LocomoEval {
  /** The tenant the conversations are remembered in. */
  public static final String TENANT = "locomo";
  private static final String[] NAMES = {"overall", "multi-hop", "temporal", "open-domain", "single-hop"};
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);
  private static final int BUDGET_POOL = 60;

  private final Memories memories;
  private final TokenCounter tokens;
  private final Optional<Runnable> forgetQueryVectors;

  /**
   * @param memories an empty memory store (the evaluation writes into tenant {@value #TENANT})
   * @param tokens counts context tokens (cl100k_base in the CLI)
   */
  public LocomoEval(Memories memories, TokenCounter tokens) {
    this(memories, tokens, Optional.empty());
  }

  private LocomoEval(Memories memories, TokenCounter tokens, Optional<Runnable> forgetQueryVectors) {
    this.memories = Checks.notNull(memories, "memories");
    this.tokens = Checks.notNull(tokens, "tokens");
    this.forgetQueryVectors = forgetQueryVectors;
  }

  /**
   * This evaluation with a second, timed recall pass over the same questions once the first is
   * done, after {@code forgetQueryVectors} has dropped every cached query vector: the first pass
   * runs in a fresh JVM (its code not yet compiled, each recall interleaved with the budget's
   * deeper one), the second shows a running server's recall of a question it has not seen.
   */
  public LocomoEval withWarmPass(Runnable forgetQueryVectors) {
    return new LocomoEval(memories, tokens, Optional.of(Checks.notNull(forgetQueryVectors,
        "forgetQueryVectors")));
  }

  /** Remembers every conversation, asks every scored question, and reports. */
  public LocomoReport run(List<LocomoConversation> conversations, int k, int budget) {
    return ask(conversations, remember(conversations), k, budget);
  }

  /**
   * What remembering the conversations produced: the dialog id of every stored message id, per
   * conversation, the number of turns and the wall time of the remember calls.
   */
  public record Remembered(Map<String, Map<String, String>> diaByMessage, int turns, double seconds) {}

  /** Remembers every conversation, each session in one call at the session's date-time. */
  public Remembered remember(List<LocomoConversation> conversations) {
    int turns = 0;
    long nanos = 0;
    Map<String, Map<String, String>> dia = new HashMap<>();
    for (LocomoConversation c : conversations) {
      Scope user = userOf(c);
      Map<String, String> byMessage = dia.computeIfAbsent(c.id(), id -> new HashMap<>());
      for (LocomoConversation.Session s : c.sessions()) {
        if (s.turns().isEmpty()) {
          continue;
        }
        List<Message> messages = s.turns().stream()
            .map(t -> new Message("user", t.speaker(), t.text(), Optional.empty())).toList();
        long t0 = System.nanoTime();
        RememberResult r = memories.remember(user.withSession(s.name()), messages, s.time());
        nanos += System.nanoTime() - t0;
        for (int i = 0; i < messages.size(); i++) {
          byMessage.put(r.messageIds().get(i), s.turns().get(i).diaId());
        }
        turns += messages.size();
      }
    }
    return new Remembered(dia, turns, nanos / 1e9);
  }

  /** Asks every question of categories 1-4 against remembered conversations, and reports. */
  public LocomoReport ask(List<LocomoConversation> conversations, Remembered remembered, int k,
      int budget) {
    Checks.atLeast(k, 1, "k");
    Checks.atLeast(budget, 1, "budget");
    List<Long> latencies = new ArrayList<>();
    double[][] sums = new double[5][4]; // per category: questions, recall@k, budget recall, tokens
    int skipped = 0;
    for (LocomoConversation c : conversations) {
      Scope user = userOf(c);
      Map<String, String> diaByMessage = remembered.diaByMessage().getOrDefault(c.id(), Map.of());
      for (LocomoConversation.Question q : c.questions()) {
        if (q.category() < 1 || q.category() > 4) {
          continue;
        }
        if (q.evidence().isEmpty()) {
          skipped++;
          continue;
        }
        RecallQuery query = new RecallQuery(user, q.question(), k, Optional.empty(), false);
        long t0 = System.nanoTime();
        List<RecalledMemory> top = memories.recall(query);
        latencies.add(System.nanoTime() - t0);
        List<RecalledMemory> pool = memories.recall(query.withK(Math.max(k, BUDGET_POOL)));
        Set<String> gold = new HashSet<>(q.evidence());
        double atK = covered(top, gold, diaByMessage);
        double[] inBudget = withinBudget(pool, gold, diaByMessage, budget);
        for (int row : new int[] {0, q.category()}) {
          sums[row][0]++;
          sums[row][1] += atK;
          sums[row][2] += inBudget[0];
          sums[row][3] += inBudget[1];
        }
      }
    }
    List<LocomoReport.Row> rows = new ArrayList<>();
    for (int cat = 1; cat <= 4; cat++) {
      rows.add(row(cat, sums[cat]));
    }
    double seconds = remembered.seconds();
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    Optional<LocomoReport.Latency> warm = forgetQueryVectors.map(forget -> {
      forget.run();
      long[] again = warmPass(conversations, k);
      return new LocomoReport.Latency(percentile(again, 0.50), percentile(again, 0.95));
    });
    return new LocomoReport(conversations.size(), remembered.turns(), seconds,
        remembered.turns() / Math.max(seconds, 1e-9), percentile(sorted, 0.50),
        percentile(sorted, 0.95), warm, k, budget, skipped, rows, row(0, sums[0]));
  }


  /** The sorted latencies of recalling every scored question again, top k only. */
  private long[] warmPass(List<LocomoConversation> conversations, int k) {
    List<Long> latencies = new ArrayList<>();
    for (LocomoConversation c : conversations) {
      Scope user = userOf(c);
      for (LocomoConversation.Question q : c.questions()) {
        if (q.category() < 1 || q.category() > 4 || q.evidence().isEmpty()) {
          continue;
        }
        long t0 = System.nanoTime();
        memories.recall(new RecallQuery(user, q.question(), k, Optional.empty(), false));
        latencies.add(System.nanoTime() - t0);
      }
    }
    return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static Scope userOf(LocomoConversation c) {
    return new Scope(TENANT, Optional.of(c.id()), Optional.empty(), Optional.empty());
  }

  /** The text a result takes in a context: its date, then its text. */
  public static String contextLine(RecalledMemory r) {
    return "[" + DAY.format(r.eventTime()) + "] " + r.text();
  }

  private static double covered(List<RecalledMemory> results, Set<String> gold, Map<String, String> dia) {
    Set<String> hit = new HashSet<>();
    for (RecalledMemory r : results) {
      hit.addAll(coverage(r, dia));
    }
    hit.retainAll(gold);
    return (double) hit.size() / gold.size();
  }

  private double[] withinBudget(List<RecalledMemory> pool, Set<String> gold, Map<String, String> dia,
      int budget) {
    int used = 0;
    Set<String> hit = new HashSet<>();
    for (RecalledMemory r : pool) {
      int cost = tokens.count(contextLine(r)) + 1;
      if (used + cost > budget) {
        continue; // a shorter result further down may still fit
      }
      used += cost;
      hit.addAll(coverage(r, dia));
    }
    hit.retainAll(gold);
    return new double[] {(double) hit.size() / gold.size(), used};
  }

  private static Set<String> coverage(RecalledMemory r, Map<String, String> dia) {
    if (r.provenance().size() > Recaller.MAX_COVERING_PROVENANCE) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (String id : r.provenance()) {
      String d = dia.get(id);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private static LocomoReport.Row row(int cat, double[] s) {
    double n = Math.max(s[0], 1);
    return new LocomoReport.Row(cat, NAMES[cat], (int) s[0], s[1] / n, s[2] / n, s[3] / n);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

}
