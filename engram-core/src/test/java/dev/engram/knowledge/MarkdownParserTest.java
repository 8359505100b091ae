package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownParserTest {
  private static final String MARKDOWN = """
      Intro line with *emphasis* and a [link](https://example.com).

      # Install

      Use the **installer**.

      ## Linux

      Run `apt install engram` then:

      - first step
      - second step
        - nested step

      ```
      code  block
      ```

      ### Debian

      Debian notes.

      ## Windows

      Windows notes.<br/>

      # Usage

      > Quoted text.
      """;

  @TempDir Path dir;

  private Document parse() throws IOException {
    Path file = Files.writeString(dir.resolve("guide.MD"), MARKDOWN);
    return new Parsers().parse(file, new SourceInfo("doc-1", "guide", Map.of("tag", "t")))
        .getFirst();
  }

  @Test
  void should_give_nested_heading_paths_with_exact_spans_when_headings_are_nested()
      throws IOException {
    Document doc = parse();

    assertThat(doc.sections()).extracting(Section::path).containsExactly(
        List.of("Install"), List.of("Install", "Linux"), List.of("Install", "Linux", "Debian"),
        List.of("Install", "Windows"), List.of("Usage"));
    for (Section s : doc.sections()) {
      assertThat(doc.text().substring(s.start(), s.end())).startsWith(s.path().getLast());
    }
    assertThat(doc.text().substring(doc.sections().get(2).start(), doc.sections().get(2).end())
        .strip()).isEqualTo("Debian\n\nDebian notes.");
    assertThat(doc.sections().getLast().end()).isEqualTo(doc.text().length());
  }

  @Test
  void should_drop_markup_when_extracting_text() throws IOException {
    Document doc = parse();

    assertThat(doc.text()).startsWith("Intro line with emphasis and a link.\n\nInstall\n\n")
        .contains("Use the installer.", "Run apt install engram then:",
            "- first step\n- second step\n  - nested step", "code  block", "Quoted text.")
        .doesNotContain("#", "**", "`", "](", "<br");
    assertThat(doc.title()).isEqualTo("Install");
    assertThat(doc.id()).isEqualTo("doc-1");
    assertThat(doc.mediaType()).isEqualTo("text/markdown");
    assertThat(doc.metadata()).containsEntry("tag", "t");
  }

  @Test
  void should_chunk_under_the_heading_path_when_chunked() throws IOException {
    Document doc = parse();
    List<Chunk> chunks = new Chunker(new WordCounter(), 50, 5).chunk(doc);

    assertThat(chunks).extracting(Chunk::sectionPath).containsExactly(List.of(),
        List.of("Install"), List.of("Install", "Linux"), List.of("Install", "Linux", "Debian"),
        List.of("Install", "Windows"), List.of("Usage"));
    assertThat(chunks.get(3).text()).isEqualTo("Debian\n\nDebian notes.");
    chunks.forEach(c -> assertThat(doc.text().substring(c.start(), c.end())).isEqualTo(c.text()));
  }

  @Test
  void should_use_the_file_name_as_title_when_there_is_no_heading() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.md"), "just text\n");
    Document doc = new Parsers().parse(file, new SourceInfo("n", "notes", Map.of())).getFirst();

    assertThat(doc.title()).isEqualTo("notes.md");
    assertThat(doc.text()).isEqualTo("just text");
    assertThat(doc.sections()).isEmpty();
  }
}
