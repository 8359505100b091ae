package dev.engram.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPieceTokenCounterIT {
  private static BgeTokenizer tokenizer;

  @BeforeAll
  static void load() {
    tokenizer = BgeTokenizer.load();
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void should_count_word_pieces_without_special_tokens() {
    WordPieceTokenCounter counter = new WordPieceTokenCounter(tokenizer);

    assertThat(counter.count("")).isZero();
    assertThat(counter.count("Hello world")).isEqualTo(2);
    // "embeddings" is split into word pieces: em ##bed ##ding ##s
    assertThat(counter.count("embeddings")).isEqualTo(4);
  }

  @Test
  void should_count_like_the_tokenizer_when_text_is_long_or_unusual() throws Exception {
    WordPieceTokenCounter counter = new WordPieceTokenCounter(tokenizer);
    List<String> texts =
        List.of(
            "Naïve café owners in Zürich — 3.14159 — e-mail@example.com!",
            "Glucocorticoid receptor (GR) signalling in CD4+ T-cells ".repeat(100),
            "日本語のテキスト and emoji 🙂 mixed in.");
    try (InputStream json = getClass().getResourceAsStream(BgeTokenizer.RESOURCE);
        HuggingFaceTokenizer reference =
            HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "false"))) {
      for (String text : texts) {
        assertThat(counter.count(text))
            .as(text)
            .isEqualTo(reference.encode(text, false, false).getIds().length);
      }
    }
    assertThat(counter.count(texts.get(1))).isGreaterThan(512);
  }
}
