package dev.engram.context;

import dev.engram.embed.TokenCounter;
import java.util.List;

/**
 * The cl100k tokens of a rendered {@link ContextSection}, counted piece by piece so that the
 * pieces' counts can be remembered ({@link Cl100k}) across contexts: the same passages and
 * memories come back request after request, while the section they make differs each time.
 * Counting each rendered section whole was a third of a context's CPU (no user, cached query
 * vector; profile of {@code Engram.context} on SciFact, 2026-12-01).
 *
 * <p>The sum is exact, not an estimate: cl100k splits text into pieces by its pattern before
 * merging bytes, and a newline followed by a non-space character always ends a piece (a run of
 * punctuation takes the newlines after it, whitespace ends at the newline, letters and digits
 * stop before it), as does {@code "]"} before a space. So a section splits into its heading
 * line, each citation number {@code "[n]"}, and each line's rest with its newline, and their
 * counts add up to the whole's. A line that is empty or starts with whitespace could join the
 * newline before it; a section with one is counted whole. {@code SectionTokensTest} checks the
 * sum against the whole on generated sections.
 */
final class SectionTokens {
  private SectionTokens() {}

  /**
   * Tokens of {@code "## " + title + "\n"} followed by each line and a newline: {@code numbers[i]}
   * is line i's citation number (0: none; the line is then rendered as is, else as {@code "[n] " +
   * line}).
   */
  static int count(TokenCounter tokens, String title, List<String> lines, int[] numbers) {
    int sum = tokens.count("## " + title + "\n");
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (numbers[i] > 0) {
        sum += tokens.count("[" + numbers[i] + "]") + line(tokens, line, true);
      } else if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
        return tokens.count(render(title, lines, numbers));
      } else {
        sum += line(tokens, line, false);
      }
    }
    return sum;
  }

  /**
   * The tokens a line adds to its section besides its citation number, its newline included: the
   * same text {@link #count} counts, so an item's cost and its section's sum share one remembered
   * count. Exact for a line that starts with a non-space character.
   */
  static int line(TokenCounter tokens, String line, boolean numbered) {
    return tokens.count(numbered ? " " + line + "\n" : line + "\n");
  }

  /** The section as {@link ContextSection#render()} renders it. */
  static String render(String title, List<String> lines, int[] numbers) {
    StringBuilder text = new StringBuilder("## ").append(title).append('\n');
    for (int i = 0; i < lines.size(); i++) {
      if (numbers[i] > 0) {
        text.append('[').append(numbers[i]).append("] ");
      }
      text.append(lines.get(i)).append('\n');
    }
    return text.toString();
  }
}
