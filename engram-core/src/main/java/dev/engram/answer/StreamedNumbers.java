package dev.engram.answer;

import dev.engram.context.Context;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passes a streamed answer on in answer numbers ({@link AnswerNumbers}): a mark can arrive split
 * over tokens ("[1", "1]"), so the end of what arrived that may still become a mark (trailing
 * spaces, an open "[" with digits) is held back until the next token shows what it is, or until
 * {@link #finish}. What the consumer receives, joined, equals the rewritten whole answer.
 */
final class StreamedNumbers implements Consumer<String> {
  /** The longest open mark held back: "[" and up to 20 digits, commas and spaces. */
  private static final Pattern OPEN_TAIL = Pattern.compile("[ \\t]*(?:\\[[\\d\\s,]{0,20})?\\z");

  private final AnswerNumbers numbers;
  private final Consumer<String> downstream;
  private final StringBuilder held = new StringBuilder();

  StreamedNumbers(Context context, Consumer<String> downstream) {
    this.numbers = new AnswerNumbers(context);
    this.downstream = downstream;
  }

  @Override
  public void accept(String token) {
    held.append(token);
    Matcher tail = OPEN_TAIL.matcher(held);
    int safe = tail.find() ? tail.start() : held.length();
    if (safe > 0) {
      String out = numbers.rewrite(held.substring(0, safe));
      held.delete(0, safe);
      if (!out.isEmpty()) {
        downstream.accept(out);
      }
    }
  }

  /** Passes on what is still held back, once the answer is complete. */
  void finish() {
    if (!held.isEmpty()) {
      String out = numbers.rewrite(held.toString());
      held.setLength(0);
      if (!out.isEmpty()) {
        downstream.accept(out);
      }
    }
  }
}
