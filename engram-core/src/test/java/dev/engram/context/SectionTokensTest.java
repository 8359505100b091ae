package dev.engram.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A section counted by its pieces has exactly the tokens of the section counted whole, for lines
 * of every kind of start and end that contexts hold (titles in parentheses, speakers, digits,
 * punctuation, contractions, accents, CJK, emoji, inner newlines and trailing spaces).
 */
class SectionTokensTest {
  private static final Encoding CL100K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  private static final String[] PIECES = {
    "the", "protein", "p53", "1,024", "mg/kg", "(", ")", "[", "]", "'s", "'re", "n't", "—", "–",
    "café", "naïve", "北京", "😀", "\"", ":", ";", ".", "...", "?", "!", "-", "+", "%", "&", "10.5",
    "2025-08-01", "#", "*", "e.g.", "I", "We", "\n", "\r\n", "  ", "\t", "http://x.org/a?b=1", "...\n",
  };
  private static final String[] STARTS = {"(", "Ann: ", "Summary ", "\"", "'s ", "1. ", "北", "😀", "-", ""};
  private static final String[] ENDS = {".", "?", ")", "", " ", "  ", ".)", "\n", ":", "9", "é", "😀"};

  @Test
  void should_count_a_section_by_its_lines_exactly_as_the_rendered_section_whole() {
    Random random = new Random(11);
    Cl100k tokens = new Cl100k();
    int fallbacks = 0;
    for (int s = 0; s < 3_000; s++) {
      int n = 1 + random.nextInt(8);
      List<String> lines = new ArrayList<>();
      int[] numbers = new int[n];
      for (int i = 0; i < n; i++) {
        StringBuilder line = new StringBuilder(STARTS[random.nextInt(STARTS.length)]);
        int words = random.nextInt(30);
        for (int w = 0; w < words; w++) {
          line.append(random.nextInt(4) == 0 ? "" : " ").append(PIECES[random.nextInt(PIECES.length)]);
        }
        line.append(ENDS[random.nextInt(ENDS.length)]);
        if (random.nextInt(10) == 0) {
          line.insert(0, random.nextBoolean() ? " " : "");
        }
        lines.add(line.toString());
        numbers[i] = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(random.nextInt(10) == 0 ? 2_000 : 12);
        if (numbers[i] == 0 && (line.isEmpty() || Character.isWhitespace(line.charAt(0)))) {
          fallbacks++;
        }
      }
      String title = random.nextBoolean() ? "Knowledge" : "What you remember about the user";
      String whole = SectionTokens.render(title, lines, numbers);
      assertThat(SectionTokens.count(tokens, title, lines, numbers)).as(whole)
          .isEqualTo(CL100K.countTokensOrdinary(whole));
    }
    assertThat(fallbacks).as("sections counted whole were tried too").isPositive();
  }

  @Test
  void should_render_as_the_context_section_renders_its_numbered_lines() {
    List<String> lines = List.of("(Fog horn) It sounds twice.", "Ann: I moved to Berlin.");
    int[] numbers = {3, 0};
    ContextSection section = new ContextSection(SectionKind.KNOWLEDGE,
        List.of("[3] (Fog horn) It sounds twice.", "Ann: I moved to Berlin."), 0);
    assertThat(SectionTokens.render(SectionKind.KNOWLEDGE.title(), lines, numbers)).isEqualTo(section.render());
  }
}
