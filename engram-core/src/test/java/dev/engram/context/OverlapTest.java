package dev.engram.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Words for near-duplicates and answers: the scan finds what the regular expression split found. */
class OverlapTest {
  /** The split {@link Overlap#words} replaced, kept here as the reference. */
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private static List<String> bySplit(String text) {
    return Arrays.stream(NOT_WORD.split(text)).filter(w -> !w.isEmpty()).toList();
  }

  @Test
  void should_find_the_words_the_regular_expression_split_found() {
    // ASCII, accented and dotted capitals (İ lower-cases to i and a combining dot), CJK, a
    // supplementary letter, superscript and Roman numerals, emoji, combining marks, punctuation.
    String[] pieces = {"Maya", "LIVES", "in", "Berlin", "café", "İstanbul", "東京", "𝒳", "x²",
        "Ⅻ", "🚢", "e\u0301", "-", ", ", ".", "  ", "\n", "'s", "42", "moved", "ÆØÅ", "naïve",
        "\u00a0", "_", "straße"};
    Random random = new Random(11);
    for (int n = 0; n < 5_000; n++) {
      StringBuilder text = new StringBuilder();
      int parts = random.nextInt(12);
      for (int i = 0; i < parts; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
        if (random.nextBoolean()) {
          text.append(' ');
        }
      }
      String t = text.toString();
      String lower = t.toLowerCase(Locale.ROOT);
      assertThat(Overlap.tokens(lower)).as(t).isEqualTo(bySplit(lower));
    }
  }

  @Test
  void should_stem_and_drop_stop_words() {
    assertThat(Overlap.words("Maya lives in Berlin; she moved there.")).containsExactlyInAnyOrder(
        "maya", "liv", "berlin", "she");
    assertThat(Overlap.words("")).isEmpty();
    assertThat(Overlap.words("  ...  ")).isEmpty();
  }
}
