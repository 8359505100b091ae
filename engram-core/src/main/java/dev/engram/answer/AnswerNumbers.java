package dev.engram.answer;

import dev.engram.context.Citation;
import dev.engram.context.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers the sources an answer shows [1], [2], ... in the order the answer first cites them.
 * The context numbers its citations for the prompt (a passage the answer never cites still has a
 * number there), so an answer citing [7] and [11] of the context shows them as [1] and [2]. A
 * mark naming no citation of the context is dropped with the spaces before it: it points at
 * nothing. One instance numbers one answer; {@link #rewrite} may be called on consecutive
 * pieces of it (as it streams), and gives the same text as on the whole.
 */
final class AnswerNumbers {
  /** A mark, with the spaces before it (kept unless the whole mark is dropped). */
  private static final Pattern MARK =
      Pattern.compile("([ \\t]*)\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");

  private final Context context;
  /** Context number to answer number, in order of first use. */
  private final Map<Integer, Integer> numbers = new LinkedHashMap<>();

  AnswerNumbers(Context context) {
    this.context = context;
  }

  /** {@code text} (the answer, or its next piece) with its marks in answer numbers. */
  String rewrite(String text) {
    Matcher m = MARK.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      List<String> mapped = new ArrayList<>(2);
      for (String n : m.group(2).split(",")) {
        int contextNumber = Integer.parseInt(n.strip());
        if (context.citation(contextNumber).isPresent()) {
          String answerNumber = String.valueOf(
              numbers.computeIfAbsent(contextNumber, k -> numbers.size() + 1));
          if (!mapped.contains(answerNumber)) {
            mapped.add(answerNumber);
          }
        }
      }
      String replacement = mapped.isEmpty() ? "" : m.group(1) + "[" + String.join(", ", mapped) + "]";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The context's citations the rewritten text cites, numbered as the answer shows them. */
  List<Citation> citations() {
    List<Citation> out = new ArrayList<>(numbers.size());
    numbers.forEach((contextNumber, answerNumber) ->
        out.add(context.citation(contextNumber).orElseThrow().numbered(answerNumber)));
    return out;
  }
}
