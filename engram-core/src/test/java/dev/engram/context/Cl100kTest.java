package dev.engram.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Remembered counts are the counts: for texts seen again, after the memory fills, and for long texts. */
class Cl100kTest {
  private static final Encoding CL100K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

  @Test
  void should_count_as_jtokkit_does_whether_a_text_was_counted_before_or_not() {
    Cl100k tokens = new Cl100k();
    Random random = new Random(7);
    String[] texts = new String[3 * Cl100k.REMEMBERED];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = ContextAssemblerTest.words(random, 1 + random.nextInt(40)) + " naïve café " + i;
    }
    for (int round = 0; round < 2; round++) {
      for (String text : texts) {
        assertThat(tokens.count(text)).as(text).isEqualTo(CL100K.countTokensOrdinary(text));
      }
    }
    String longText = ContextAssemblerTest.words(random, 2_000);
    assertThat(longText.length()).isGreaterThan(Cl100k.LONGEST);
    assertThat(tokens.count(longText)).isEqualTo(CL100K.countTokensOrdinary(longText)).isGreaterThan(2_000);
    assertThat(tokens.count(longText)).isEqualTo(CL100K.countTokensOrdinary(longText));
  }
}
