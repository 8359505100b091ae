package dev.engram.eval.memory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of a LoCoMo memory evaluation, per category and overall.
 *
 * @param conversations conversations remembered
 * @param turns turns remembered
 * @param rememberSeconds wall time of all remember calls
 * @param turnsPerSecond remember throughput
 * @param recallP50Ms median recall latency (query embedding included)
 * @param recallP95Ms 95th percentile recall latency
 * @param warmRecall latency of a second recall pass, JIT-compiled and with the query vectors
 *     dropped, when one was run ({@link LocomoEval#withWarmPass})
 * @param k results scored for evidence recall
 * @param budget context token budget (cl100k_base)
 * @param skipped questions of categories 1-4 left out because they have no evidence
 * @param categories one row per category 1-4
 * @param overall all scored questions
 */
public record LocomoReport(
    int conversations,
    int turns,
    double rememberSeconds,
    double turnsPerSecond,
    double recallP50Ms,
    double recallP95Ms,
    Optional<Latency> warmRecall,
    int k,
    int budget,
    int skipped,
    List<Row> categories,
    Row overall) {

  public LocomoReport {
    categories = List.copyOf(categories);
  }

  /** Recall latency percentiles, query embedding included. */
  public record Latency(double p50Ms, double p95Ms) {}

  /**
   * The figures of one category (0 = overall).
   *
   * @param recallAtK mean share of evidence dialog ids covered by the top k results
   * @param budgetRecall mean share covered by the results fitting in the token budget
   * @param meanTokens mean tokens of context used within the budget
   */
  public record Row(int category, String name, int questions, double recallAtK,
      double budgetRecall, double meanTokens) {}

  /** The report as plain text; the last line is the headline {@code evidence-recall@k <value>}. */
  public String text() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "LoCoMo memory eval: %d conversations, %d turns remembered%n",
        conversations, turns));
    s.append(String.format(Locale.ROOT, "remember: %.1f s, %.1f turns/s%n", rememberSeconds, turnsPerSecond));
    s.append(String.format(Locale.ROOT, "recall latency: p50 %.1f ms, p95 %.1f ms%n", recallP50Ms, recallP95Ms));
    warmRecall.ifPresent(w -> s.append(String.format(Locale.ROOT, "recall latency, second pass (JIT"
        + " warm, each question embedded again): p50 %.1f ms, p95 %.1f ms%n", w.p50Ms(), w.p95Ms())));
    if (skipped > 0) {
      s.append("questions without evidence, left out: ").append(skipped).append('\n');
    }
    s.append(String.format(Locale.ROOT, "%-14s %9s %10s %12s %11s%n", "category", "questions",
        "recall@" + k, "recall@" + budget + "t", "mean tokens"));
    for (Row r : categories) {
      s.append(line(r));
    }
    s.append(line(overall));
    s.append(String.format(Locale.ROOT, "evidence-recall@%d %.4f%n", k, overall.recallAtK()));
    return s.toString();
  }

  private static String line(Row r) {
    return String.format(Locale.ROOT, "%-14s %9d %10.4f %12.4f %11.1f%n", r.name(), r.questions(),
        r.recallAtK(), r.budgetRecall(), r.meanTokens());
  }
}
