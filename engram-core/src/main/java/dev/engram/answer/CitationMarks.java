package dev.engram.answer;

import dev.engram.context.Citation;
import dev.engram.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the [n] citations an answer uses (also "[1, 3]" and "[2][4]"); unknown numbers are ignored. */
final class CitationMarks {
  private static final Pattern MARK = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");

  /** A mark with the spaces before it: "three years [1]." becomes "three years.". */
  private static final Pattern SPACED_MARK =
      Pattern.compile("[ \\t]*\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*]");

  private CitationMarks() {}

  /**
   * {@code text} without its [n] marks, for remembering an answer: a stored mark points into a
   * context that is gone, and would match the marks of later answers.
   */
  static String strip(String text) {
    return SPACED_MARK.matcher(text).replaceAll("").replaceAll("[ \\t]{2,}", " ").strip();
  }

  /** The context's citations that {@code text} cites, in order of first use. */
  static List<Citation> used(String text, Context context) {
    List<Citation> out = new ArrayList<>();
    Matcher m = MARK.matcher(text);
    while (m.find()) {
      for (String n : m.group(1).split(",")) {
        context.citation(Integer.parseInt(n.strip()))
            .filter(c -> !out.contains(c))
            .ifPresent(out::add);
      }
    }
    return out;
  }
}
