package dev.engram.eval.beliefs;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a beliefs evaluation.
 *
 * @param users users replayed
 * @param turns messages remembered
 * @param liveMemories live memories at the end, over all users (summaries left out)
 * @param correctLive live memories that state an expected live fact not stated by an earlier one
 * @param precision correctLive / liveMemories
 * @param expectedLive facts that should be live at the end
 * @param recalled expected live facts stated by some live memory
 * @param recall recalled / expectedLive
 * @param supersedes expected supersedes (a later fact makes an earlier one untrue)
 * @param supersedesDone those whose old fact is stated by a closed memory and by no live one
 * @param distinctFacts facts stated for the first time (every expected fact)
 * @param falseNoops distinct facts whose candidate was judged already known (NOOP)
 * @param falseNoopShare falseNoops / distinctFacts
 * @param restatements turns that only repeat a known fact
 * @param restatementsKept restatements that added no memory (no ADD or SUPERSEDE)
 * @param wrong the live memories that are not correct, by reason: duplicate (states a fact an
 *     earlier live memory states), stale (states only superseded facts), chit-chat (came from a
 *     turn that holds no fact), unmatched (anything else)
 * @param rememberP50Ms median time of one remember call (one message)
 * @param rememberP95Ms 95th percentile of it
 * @param byCategory figures per fact category
 * @param byShape figures per fact shape
 * @param misses what went wrong, one line each, for reading
 */
public record BeliefsReport(
    int users,
    int turns,
    int liveMemories,
    int correctLive,
    double precision,
    int expectedLive,
    int recalled,
    double recall,
    int supersedes,
    int supersedesDone,
    double supersedeShare,
    int distinctFacts,
    int falseNoops,
    double falseNoopShare,
    int restatements,
    int restatementsKept,
    Map<String, Integer> wrong,
    double rememberP50Ms,
    double rememberP95Ms,
    List<Row> byCategory,
    List<Row> byShape,
    List<String> misses) {

  public BeliefsReport {
    wrong = Map.copyOf(wrong);
    byCategory = List.copyOf(byCategory);
    byShape = List.copyOf(byShape);
    misses = List.copyOf(misses);
  }

  /**
   * The figures of one category or shape.
   *
   * @param name the category or shape
   * @param facts facts of it
   * @param expectedLive those that should be live at the end
   * @param recalled of those, stated by a live memory
   * @param supersedes facts of it that supersede another
   * @param supersedesDone of those, done
   * @param falseNoops facts of it judged already known
   */
  public record Row(String name, int facts, int expectedLive, int recalled, int supersedes,
      int supersedesDone, int falseNoops) {}

  /** The report as plain text; the last line is the headline. */
  public String text(boolean withMisses) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "beliefs eval: %d users, %d turns, %d facts (%d to be live,"
        + " %d supersedes, %d restatements)%n", users, turns, distinctFacts, expectedLive, supersedes,
        restatements));
    s.append(String.format(Locale.ROOT, "live facts: precision %.4f (%d of %d live memories), recall %.4f"
        + " (%d of %d)%n", precision, correctLive, liveMemories, recall, recalled, expectedLive));
    s.append(String.format(Locale.ROOT, "wrong live memories: duplicate %d, stale %d, chit-chat %d,"
        + " unmatched %d%n", wrong.getOrDefault("duplicate", 0), wrong.getOrDefault("stale", 0),
        wrong.getOrDefault("chit-chat", 0), wrong.getOrDefault("unmatched", 0)));
    s.append(String.format(Locale.ROOT, "supersedes done: %.4f (%d of %d)%n", supersedeShare,
        supersedesDone, supersedes));
    s.append(String.format(Locale.ROOT, "false NOOPs: %.4f (%d of %d distinct facts); restatements"
        + " kept as one memory: %d of %d%n", falseNoopShare, falseNoops, distinctFacts,
        restatementsKept, restatements));
    s.append(String.format(Locale.ROOT, "remember: p50 %.1f ms, p95 %.1f ms per message%n",
        rememberP50Ms, rememberP95Ms));
    table(s, "category", byCategory);
    table(s, "shape", byShape);
    if (withMisses) {
      s.append("misses:\n");
      misses.forEach(m -> s.append("  ").append(m).append('\n'));
    }
    s.append(String.format(Locale.ROOT, "beliefs precision %.4f recall %.4f supersedes %.4f"
        + " false-noops %.4f%n", precision, recall, supersedeShare, falseNoopShare));
    return s.toString();
  }

  private static void table(StringBuilder s, String head, List<Row> rows) {
    s.append(String.format(Locale.ROOT, "%-15s %5s %6s %7s %11s %11s%n", head, "facts", "live",
        "recall", "supersedes", "false NOOP"));
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%-15s %5d %6d %7s %11s %11d%n", r.name(), r.facts(),
          r.expectedLive(), share(r.recalled(), r.expectedLive()),
          r.supersedes() == 0 ? "-" : r.supersedesDone() + "/" + r.supersedes(), r.falseNoops()));
    }
  }

  private static String share(int part, int whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) part / whole);
  }
}
