package dev.engram.answer;

import java.util.regex.Pattern;

/** Removes the [n] marks of an answer (also "[1, 3]" and "[2][4]"); {@link AnswerNumbers} renumbers them. */
final class CitationMarks {
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
}
