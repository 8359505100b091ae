package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsersTest {
  @TempDir Path dir;

  private final Parsers parsers = new Parsers();

  private AbstractThrowableAssert<?, ?> assertRefused(Parsers with, Path file, String code) {
    return assertThatThrownBy(() -> with.parse(file, new SourceInfo("x", null, Map.of())))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(file.getFileName().toString());
  }

  @Test
  void should_choose_parser_by_extension_when_case_differs() {
    assertThat(parsers.supportedExtensions())
        .contains("txt", "md", "html", "htm", "pdf", "jsonl");
    assertThat(parsers.forFile(Path.of("A.TXT"))).containsInstanceOf(TextParser.class);
    assertThat(parsers.forFile(Path.of("b.Md"))).containsInstanceOf(MarkdownParser.class);
    assertThat(parsers.forFile(Path.of("c.HTM"))).containsInstanceOf(HtmlParser.class);
    assertThat(parsers.forFile(Path.of("d.pdf"))).containsInstanceOf(PdfParser.class);
    assertThat(parsers.forFile(Path.of("e.JSONL"))).containsInstanceOf(JsonlParser.class);
    assertThat(parsers.forFile(Path.of("f.docx"))).isEmpty();
    assertThat(parsers.forFile(Path.of("README"))).isEmpty();
  }

  @Test
  void should_read_text_file_titled_by_name_when_it_has_crlf_and_bom() throws IOException {
    Path file = Files.write(dir.resolve("notes.txt"),
        "\uFEFFline one\r\nline two\r\n".getBytes(StandardCharsets.UTF_8));
    Document doc = parsers.parse(file, new SourceInfo("n1", "notes", Map.of())).getFirst();

    assertThat(doc.text()).isEqualTo("line one\nline two\n");
    assertThat(doc.title()).isEqualTo("notes.txt");
    assertThat(doc.id()).isEqualTo("n1");
    assertThat(doc.source()).isEqualTo("notes");
  }

  @Test
  void should_derive_a_stable_id_when_caller_gives_none() throws IOException {
    Path file = Files.writeString(dir.resolve("a.txt"), "text");
    String id = parsers.parse(file, new SourceInfo(null, null, Map.of())).getFirst().id();

    assertThat(id).hasSize(16)
        .isEqualTo(parsers.parse(file, new SourceInfo("", null, Map.of())).getFirst().id());
  }

  @Test
  void should_list_supported_files_recursively_when_given_a_folder() throws IOException {
    Files.createDirectories(dir.resolve("sub/deeper"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("b.md"), "x");
    Files.writeString(dir.resolve("sub/a.TXT"), "x");
    Files.writeString(dir.resolve("sub/deeper/c.jsonl"), "x");
    Files.writeString(dir.resolve("sub/image.png"), "x");
    Files.writeString(dir.resolve(".git/d.txt"), "x");
    Files.writeString(dir.resolve(".hidden.md"), "x");

    assertThat(parsers.files(dir)).containsExactly(dir.resolve("b.md"),
        dir.resolve("sub/a.TXT"), dir.resolve("sub/deeper/c.jsonl"));
    assertThat(parsers.files(dir.resolve("b.md"))).containsExactly(dir.resolve("b.md"));
    assertThatThrownBy(() -> parsers.files(dir.resolve("nowhere")))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo("ENGRAM-102"))
        .hasMessageContaining("does not exist");
  }

  @Test
  void should_refuse_empty_file_when_it_has_no_bytes() throws IOException {
    for (String name : new String[] {"e.txt", "e.md", "e.html", "e.pdf", "e.jsonl"}) {
      assertRefused(parsers, Files.write(dir.resolve(name), new byte[0]), "ENGRAM-202")
          .hasMessageContaining("empty");
    }
  }

  @Test
  void should_refuse_binary_content_when_text_format_has_nul_bytes() throws IOException {
    byte[] bytes = "abc\0def".getBytes(StandardCharsets.UTF_8);
    for (String name : new String[] {"b.txt", "b.md", "b.html", "b.jsonl"}) {
      assertRefused(parsers, Files.write(dir.resolve(name), bytes), "ENGRAM-203")
          .hasMessageContaining("binary").hasMessageContaining("offset 3");
    }
  }

  @Test
  void should_report_byte_offset_when_utf8_is_invalid() throws IOException {
    byte[] bytes = {'o', 'k', '\n', 'a', (byte) 0xC3, (byte) 0x28, 'z'};
    Path file = Files.write(dir.resolve("latin.md"), bytes);

    assertRefused(parsers, file, "ENGRAM-204")
        .hasMessageContaining("byte offset 4").hasMessageContaining("line 2")
        .hasMessageContaining("0xC3").hasMessageContaining("UTF-8");
  }

  @Test
  void should_refuse_oversize_file_when_over_the_configured_limit() throws IOException {
    Path file = Files.writeString(dir.resolve("big.txt"), "x".repeat(2048));

    assertRefused(new Parsers(1024), file, "ENGRAM-201").hasMessageContaining("limit");
    assertThat(new Parsers(4096).parse(file, new SourceInfo("x", null, Map.of()))).hasSize(1);
  }

  @Test
  void should_refuse_missing_or_unsupported_file_when_parsing() throws IOException {
    assertRefused(parsers, dir.resolve("missing.txt"), "ENGRAM-206")
        .hasMessageContaining("does not exist");
    assertRefused(parsers, Files.createDirectories(dir.resolve("folder.txt")), "ENGRAM-206");
    assertRefused(parsers, Files.writeString(dir.resolve("slides.pptx"), "x"), "ENGRAM-208")
        .hasMessageContaining("Supported: ");
  }
}
