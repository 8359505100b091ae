package dev.engram.eval.answer;

import java.util.List;
import java.util.Locale;

/**
 * The figures of a LoCoMo question-answering evaluation, per category and overall.
 *
 * @param conversations conversations remembered
 * @param turns turns remembered
 * @param rememberSeconds wall time of all remember calls
 * @param k results per question (the context is filled from at least 60)
 * @param budget context token budget (cl100k_base)
 * @param unjudged answers the judge gave no valid label for (scored as wrong)
 * @param promptTokens prompt tokens of all answer and judge calls, as the server counted them
 * @param completionTokens completion tokens of all answer and judge calls
 * @param categories one row per category 1-4
 * @param overall all scored questions
 */
public record AnswerReport(
    int conversations,
    int turns,
    double rememberSeconds,
    int k,
    int budget,
    int unjudged,
    long promptTokens,
    long completionTokens,
    List<Row> categories,
    Row overall) {

  public AnswerReport {
    categories = List.copyOf(categories);
  }

  /**
   * The figures of one category (0 = overall).
   *
   * @param j share of answers the judge labelled CORRECT
   * @param f1 mean token F1 against the gold answers
   * @param meanContextTokens mean tokens of context per question
   */
  public record Row(int category, String name, int questions, double j, double f1,
      double meanContextTokens) {}

  /** The report as plain text; the last line is the headline {@code J <value>}. */
  public String text() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "LoCoMo answer eval: %d conversations, %d turns remembered in %.1f s%n", conversations,
        turns, rememberSeconds));
    s.append(String.format(Locale.ROOT,
        "context: top %d, within %d tokens; model tokens: %d prompt, %d completion%n", k, budget,
        promptTokens, completionTokens));
    if (unjudged > 0) {
      s.append("answers without a valid judge label, scored wrong: ").append(unjudged).append('\n');
    }
    s.append(String.format(Locale.ROOT, "%-14s %9s %8s %8s %15s%n", "category", "questions", "J",
        "F1", "context tokens"));
    for (Row r : categories) {
      s.append(line(r));
    }
    s.append(line(overall));
    s.append(String.format(Locale.ROOT, "J %.4f%n", overall.j()));
    return s.toString();
  }

  private static String line(Row r) {
    return String.format(Locale.ROOT, "%-14s %9d %8.4f %8.4f %15.1f%n", r.name(), r.questions(),
        r.j(), r.f1(), r.meanContextTokens());
  }
}
