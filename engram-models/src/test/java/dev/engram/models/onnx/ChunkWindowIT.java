package dev.engram.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.knowledge.Chunk;
import dev.engram.knowledge.Chunker;
import dev.engram.knowledge.Document;
import dev.engram.knowledge.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the real bge tokenizer and model: every chunk the chunker makes, header included, fits
 * the model's window, so the embedder cuts nothing; a text that does not fit is cut only with a
 * warning and a count.
 */
class ChunkWindowIT {
  /** A real, long title: some 60 word pieces. */
  private static final String TITLE = "Long-term outcomes of intensive glucose-lowering therapy,"
      + " blood-pressure control and statin treatment in adults with type 2 diabetes mellitus and"
      + " established cardiovascular disease: a multicentre randomised controlled trial";
  private static final List<String> PATH = List.of(TITLE,
      "Results of the 10-year follow-up (secondary end points, per-protocol population)",
      "Subgroup analyses by baseline HbA1c, estimated glomerular filtration rate and age");
  private static final String PARAGRAPH = "Of the 10,251 participants, 5,128 were assigned to"
      + " intensive therapy (target HbA1c < 6.0%) and 5,123 to standard therapy (7.0-7.9%). At"
      + " 3.5 years the trial was stopped early because mortality was higher with intensive"
      + " therapy (hazard ratio 1.22; 95% CI, 1.01-1.46; P=0.04), while non-fatal myocardial"
      + " infarction was less frequent (3.6% vs 4.6%).";

  private static BgeTokenizer tokenizer;
  private static OnnxEmbedder embedder;
  private static WordPieceTokenCounter counter;

  @BeforeAll
  static void load() {
    tokenizer = BgeTokenizer.load();
    embedder = new OnnxEmbedder(tokenizer, OnnxEmbedder.Settings.defaults());
    counter = new WordPieceTokenCounter(tokenizer);
  }

  @AfterAll
  static void close() {
    embedder.close();
    tokenizer.close();
  }

  /** A document under a long title and section path, with long paragraphs, sentences and words. */
  private static Document document() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      text.append(PARAGRAPH.replace("10,251", "10," + (200 + i))).append(' ');
      if (i % 4 == 3) {
        text.append("\n\n");
      }
    }
    // one sentence of some 700 word pieces, then a "word" (a URL) of 400 characters
    text.append("\n\n").append("patients with elevated baseline risk markers ".repeat(120).strip())
        .append("\n\nhttps://example.org/").append("a1b2c3d4e5/".repeat(36)).append(" end.");
    return new Document("d1", "/data/trial.md", TITLE, "text/markdown", text.toString(),
        List.of(new Section(0, text.length(), PATH)), List.of(), Map.of());
  }

  @Test
  void should_fit_every_chunk_with_its_header_in_the_window_when_the_header_is_long() {
    assertThat(counter.count(String.join(" > ", PATH))).isGreaterThan(80);
    long cutBefore = embedder.truncatedTexts();
    for (int size : List.of(embedder.maxTokens(), 256, 64)) {
      List<Chunk> chunks = new Chunker(counter, size, Math.min(32, size / 8), embedder.maxTokens())
          .chunk(document());

      assertThat(chunks).as("size %d", size).hasSizeGreaterThan(2);
      for (Chunk c : chunks) {
        assertThat(c.header()).as("size %d", size).isNotEmpty();
        assertThat(tokenizer.count(c.embeddedText())).as("size %d, chunk %d", size, c.ordinal())
            .isLessThanOrEqualTo(size);
      }
      embedder.embedDocuments(chunks.stream().map(Chunk::embeddedText).toList());
    }
    assertThat(embedder.truncatedTexts()).isEqualTo(cutBefore);
  }

  @Test
  void should_warn_and_count_when_a_text_or_query_is_over_the_window() {
    String longText = PARAGRAPH.repeat(12);
    assertThat(tokenizer.count(longText)).isGreaterThan(embedder.maxTokens());
    List<LogRecord> warnings = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        warnings.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger log = Logger.getLogger(OnnxEmbedder.class.getName());
    log.addHandler(handler);
    try {
      long before = embedder.truncatedTexts();
      embedder.embedDocuments(List.of("short text", longText));
      embedder.embedQuery(longText);
      embedder.embedQuery("a short query");

      assertThat(embedder.truncatedTexts() - before).isEqualTo(2);
      assertThat(warnings).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.WARNING);
      assertThat(warnings.get(0).getMessage()).contains("1 of 2 texts").contains("first 510 tokens");
      assertThat(warnings.get(1).getMessage()).contains("the query has")
          .contains("first " + OnnxEmbedder.QUERY_TOKENS);
    } finally {
      log.removeHandler(handler);
    }
  }
}
