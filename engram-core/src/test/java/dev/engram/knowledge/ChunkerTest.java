package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import dev.engram.embed.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private final WordCounter counter = new WordCounter();

  /** A document without a title: no header, so the whole budget goes to the text. */
  private static Document doc(String text, List<Section> sections, List<Page> pages) {
    return new Document("d1", "test", "", "text/plain", text, sections, pages, Map.of());
  }

  private static Document titled(String title, String text, List<Section> sections) {
    return new Document("d1", "test", title, "text/plain", text, sections, List.of(), Map.of());
  }

  /** n sentences of {@code words} words each, such as "s3w0 s3w1 s3w2." */
  private static String sentences(String prefix, int n, int words) {
    StringBuilder out = new StringBuilder();
    for (int s = 0; s < n; s++) {
      if (s > 0) {
        out.append(' ');
      }
      for (int w = 0; w < words; w++) {
        out.append(w == 0 ? "" : " ").append(w == 0 ? "W" : "w").append(prefix).append(s)
            .append('x').append(w);
      }
      out.append('.');
    }
    return out.toString();
  }

  @Test
  void should_map_every_chunk_back_to_its_exact_span_when_documents_are_random() {
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      Document doc = RandomDocuments.document(random);
      int max = 3 + random.nextInt(60);
      int overlap = random.nextInt(max);
      List<Chunk> chunks = new Chunker(counter, max, overlap).chunk(doc);

      assertThat(chunks).as("seed %d", seed).isNotEmpty();
      for (int i = 0; i < chunks.size(); i++) {
        Chunk c = chunks.get(i);
        assertThat(c.ordinal()).isEqualTo(i);
        assertThat(doc.text().substring(c.start(), c.end())).isEqualTo(c.text());
        assertThat(c.text()).isNotBlank().isEqualTo(c.text().strip());
        assertThat(counter.count(c.embeddedText())).as("seed %d", seed).isLessThanOrEqualTo(max);
        Section section = containing(doc, c);
        assertThat(c.sectionPath()).isEqualTo(section == null ? List.of() : section.path());
      }
      assertCoversAllText(doc, chunks);
    }
  }

  private static Section containing(Document doc, Chunk c) {
    for (Section s : doc.sections()) {
      if (c.start() >= s.start() && c.start() < s.end()) {
        assertThat(c.end()).as("chunk crosses a section end").isLessThanOrEqualTo(s.end());
        return s;
      }
      assertThat(c.start() < s.start() && c.end() > s.start())
          .as("chunk crosses a section start").isFalse();
    }
    return null;
  }

  private static void assertCoversAllText(Document doc, List<Chunk> chunks) {
    boolean[] covered = new boolean[doc.text().length()];
    for (Chunk c : chunks) {
      for (int i = c.start(); i < c.end(); i++) {
        covered[i] = true;
      }
    }
    for (int i = 0; i < covered.length; i++) {
      if (!Character.isWhitespace(doc.text().charAt(i))) {
        assertThat(covered[i]).as("character %d of %s is in no chunk", i, doc.text()).isTrue();
      }
    }
  }

  @Test
  void should_pack_whole_paragraphs_when_they_fit() {
    String text = sentences("a", 1, 5) + "\n\n" + sentences("b", 1, 5) + "\n \n"
        + sentences("c", 1, 5);
    List<Chunk> chunks = new Chunker(counter, 10, 0).chunk(doc(text, List.of(), List.of()));

    assertThat(chunks).extracting(Chunk::text).containsExactly(
        sentences("a", 1, 5) + "\n\n" + sentences("b", 1, 5), sentences("c", 1, 5));
  }

  @Test
  void should_start_next_chunk_with_last_sentences_when_a_section_is_split() {
    String text = sentences("a", 6, 5);
    List<Chunk> chunks = new Chunker(counter, 15, 5).chunk(doc(text, List.of(), List.of()));

    assertThat(chunks).hasSizeGreaterThan(1);
    for (int i = 1; i < chunks.size(); i++) {
      Chunk previous = chunks.get(i - 1);
      Chunk next = chunks.get(i);
      String lastSentence = previous.text().substring(previous.text().lastIndexOf('W'));
      assertThat(next.text()).startsWith(lastSentence);
      assertThat(next.start()).isLessThan(previous.end());
      assertThat(counter.count(next.text())).isLessThanOrEqualTo(15);
    }
  }

  @Test
  void should_not_overlap_when_overlap_is_zero_or_sentences_are_longer_than_it() {
    String text = sentences("a", 6, 5);
    for (Chunker chunker : List.of(new Chunker(counter, 15, 0), new Chunker(counter, 15, 4))) {
      List<Chunk> chunks = chunker.chunk(doc(text, List.of(), List.of()));
      assertThat(chunks).hasSizeGreaterThan(1);
      for (int i = 1; i < chunks.size(); i++) {
        assertThat(chunks.get(i).start()).isGreaterThan(chunks.get(i - 1).end());
      }
    }
  }

  @Test
  void should_not_overlap_across_sections_when_text_has_sections() {
    String a = sentences("a", 4, 5);
    String b = sentences("b", 4, 5);
    String text = a + "\n\n" + b;
    List<Section> sections = List.of(new Section(0, a.length(), List.of("A")),
        new Section(a.length(), text.length(), List.of("B")));
    List<Chunk> chunks = new Chunker(counter, 12, 6).chunk(doc(text, sections, List.of()));

    Chunk firstOfB = chunks.stream().filter(c -> c.sectionPath().equals(List.of("B")))
        .findFirst().orElseThrow();
    assertThat(firstOfB.start()).isEqualTo(a.length() + 2);
    assertThat(chunks).filteredOn(c -> c.sectionPath().equals(List.of("A"))).isNotEmpty()
        .allMatch(c -> c.end() <= a.length());
  }

  @Test
  void should_split_at_words_when_one_sentence_exceeds_max() {
    String text = sentences("a", 1, 25);
    List<Chunk> chunks = new Chunker(counter, 10, 0).chunk(doc(text, List.of(), List.of()));

    assertThat(chunks).extracting(c -> counter.count(c.text())).containsExactly(10, 10, 5);
  }

  @Test
  void should_cut_a_word_at_characters_when_it_alone_exceeds_max() {
    String word = "x".repeat(5000);
    TokenCounter chars = t -> t.strip().length();
    List<Chunk> chunks = new Chunker(chars, 100, 10).chunk(doc("a b " + word + " c",
        List.of(), List.of()));

    assertThat(chunks).extracting(Chunk::text).hasSize(52).startsWith("a b").endsWith("c");
    assertThat(chunks.subList(1, 51)).extracting(Chunk::text).containsOnly("x".repeat(100));
    assertThat(String.join("", chunks.subList(1, 51).stream().map(Chunk::text).toList()))
        .isEqualTo(word);
  }

  @Test
  void should_count_the_header_in_the_budget_when_the_document_has_a_title_and_sections() {
    String a = sentences("a", 6, 5);
    Document doc = titled("Keeper Log", a, List.of(new Section(0, a.length(), List.of("Night"))));

    List<Chunk> chunks = new Chunker(counter, 15, 0).chunk(doc);

    assertThat(chunks).hasSize(3).allSatisfy(c -> {
      assertThat(c.header()).isEqualTo("Keeper Log > Night\n\n");
      assertThat(c.embeddedText()).isEqualTo(c.header() + c.text());
      assertThat(counter.count(c.embeddedText())).isLessThanOrEqualTo(15);
    });
    assertThat(chunks).extracting(c -> counter.count(c.text())).containsExactly(10, 10, 10);
  }

  @Test
  void should_shorten_the_header_to_half_the_budget_when_the_title_is_too_long() {
    String title = sentences("t", 1, 40);
    Document doc = titled(title, sentences("a", 4, 5), List.of());

    List<Chunk> chunks = new Chunker(counter, 16, 0).chunk(doc);

    assertThat(chunks).isNotEmpty().allSatisfy(c -> {
      assertThat(c.header()).endsWith(ChunkHeader.ELLIPSIS + "\n\n");
      assertThat(title).startsWith(c.header().substring(0, c.header().length() - 3).strip());
      assertThat(counter.count(c.header())).isEqualTo(8);
      assertThat(counter.count(c.embeddedText())).isLessThanOrEqualTo(16);
    });
  }

  @Test
  void should_refuse_a_chunk_size_over_the_window_when_constructed() {
    assertThatThrownBy(() -> new Chunker(counter, 600, 32, 510))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("window of 510 tokens").hasMessageContaining("--chunk-tokens 510")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-110");
    assertThat(new Chunker(counter, 510, 32, 510).maxTokens()).isEqualTo(510);
  }

  @Test
  void should_give_the_page_containing_the_start_when_the_document_is_paged() {
    String p1 = sentences("a", 3, 4);
    String p2 = sentences("b", 3, 4);
    String text = p1 + "\n" + p2;
    List<Page> pages = List.of(new Page(1, 0, p1.length()),
        new Page(2, p1.length() + 1, text.length()));
    List<Chunk> chunks = new Chunker(counter, 4, 0).chunk(doc(text, List.of(), pages));

    assertThat(chunks).hasSize(6);
    assertThat(chunks).extracting(Chunk::page).containsExactly(1, 1, 1, 2, 2, 2);
  }

  @Test
  void should_give_page_zero_and_no_chunks_for_blank_text_when_unpaged() {
    assertThat(new Chunker(counter).chunk(doc(" \n\n\t ", List.of(), List.of()))).isEmpty();
    assertThat(new Chunker(counter).chunk(doc("one", List.of(), List.of())))
        .singleElement().extracting(Chunk::page).isEqualTo(0);
  }

  @Test
  void should_refuse_overlap_not_below_max_when_constructed() {
    assertThatThrownBy(() -> new Chunker(counter, 10, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlapTokens");
  }

  @Test
  void should_fail_clearly_when_a_section_ends_past_the_text() {
    Document bad = doc("short", List.of(new Section(0, 99, List.of("X"))), List.of());
    assertThatThrownBy(() -> new Chunker(counter).chunk(bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends past");
  }

  /** Random documents with paragraphs, sentences, long words, odd whitespace and sections. */
  static final class RandomDocuments {
    private RandomDocuments() {}

    static Document document(Random random) {
      StringBuilder text = new StringBuilder();
      List<Section> sections = new ArrayList<>();
      int sectionCount = random.nextInt(4);
      if (random.nextBoolean()) {
        paragraphs(random, text);
      }
      for (int s = 0; s < sectionCount; s++) {
        int start = text.length();
        text.append("Heading ").append(s).append("\n\n");
        paragraphs(random, text);
        sections.add(new Section(start, text.length(), List.of("H" + s)));
        if (random.nextInt(3) == 0) {
          paragraphs(random, text); // a gap between sections
        }
      }
      if (text.isEmpty() || text.toString().isBlank()) {
        text.append("fallback words here.");
      }
      return new Document("r", "random", "r", "text/plain", text.toString(), sections,
          List.of(), Map.of());
    }

    private static void paragraphs(Random random, StringBuilder text) {
      int paragraphs = 1 + random.nextInt(5);
      for (int p = 0; p < paragraphs; p++) {
        int sentences = 1 + random.nextInt(8);
        for (int s = 0; s < sentences; s++) {
          int words = 1 + random.nextInt(random.nextInt(10) == 0 ? 120 : 15);
          for (int w = 0; w < words; w++) {
            text.append(word(random)).append(random.nextInt(12) == 0 ? "\n" : " ");
          }
          text.setLength(text.length() - 1);
          text.append(random.nextBoolean() ? ". " : "? ");
        }
        text.append(random.nextInt(4) == 0 ? "\n  \t\n\n" : "\n\n");
      }
    }

    private static String word(Random random) {
      int length = random.nextInt(30) == 0 ? 40 + random.nextInt(60) : 1 + random.nextInt(9);
      StringBuilder w = new StringBuilder();
      for (int i = 0; i < length; i++) {
        w.append((char) ((i == 0 && random.nextInt(3) == 0 ? 'A' : 'a') + random.nextInt(26)));
      }
      return w.toString();
    }
  }
}
