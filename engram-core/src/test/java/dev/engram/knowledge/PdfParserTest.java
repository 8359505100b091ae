package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfParserTest {
  @TempDir Path dir;

  /** Writes a PDF with one page per entry, each line of an entry on its own text line. */
  private Path pdf(String name, String title, List<List<String>> pages) throws IOException {
    Path file = dir.resolve(name);
    try (PDDocument pdf = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (List<String> lines : pages) {
        PDPage page = new PDPage();
        pdf.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
          content.beginText();
          content.setFont(font, 12);
          content.newLineAtOffset(72, 700);
          for (String line : lines) {
            content.showText(line);
            content.newLineAtOffset(0, -16);
          }
          content.endText();
        }
      }
      if (title != null) {
        pdf.getDocumentInformation().setTitle(title);
      }
      pdf.save(file.toFile());
    }
    return file;
  }

  @Test
  void should_keep_page_spans_and_chunk_pages_when_pdf_has_three_pages() throws IOException {
    Path file = pdf("report.pdf", "Quarterly Report", List.of(
        List.of("Alpha page one first sentence.", "Alpha page one second sentence."),
        List.of("Bravo page two first sentence.", "Bravo page two second sentence."),
        List.of("Charlie page three only sentence.")));

    Document doc = new Parsers().parse(file, new SourceInfo("p", null, Map.of())).getFirst();

    assertThat(doc.title()).isEqualTo("Quarterly Report");
    assertThat(doc.mediaType()).isEqualTo("application/pdf");
    assertThat(doc.pages()).extracting(Page::number).containsExactly(1, 2, 3);
    String[] expected = {"Alpha page one", "Bravo page two", "Charlie page three"};
    for (int i = 0; i < 3; i++) {
      Page page = doc.pages().get(i);
      assertThat(doc.text().substring(page.start(), page.end())).startsWith(expected[i])
          .endsWith("sentence.");
    }

    // 12 = a page's 10 words and the 2 of the header "Quarterly Report", which counts too
    List<Chunk> chunks = new Chunker(new WordCounter(), 12, 0).chunk(doc);
    assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2, 3);
    assertThat(chunks).extracting(c -> c.text().substring(0, 5))
        .containsExactly("Alpha", "Bravo", "Charl");
  }

  @Test
  void should_use_file_name_as_title_when_pdf_has_no_title() throws IOException {
    Path file = pdf("untitled.pdf", null, List.of(List.of("Some text.")));
    Document doc = new Parsers().parse(file, new SourceInfo("p", null, Map.of())).getFirst();

    assertThat(doc.title()).isEqualTo("untitled.pdf");
    assertThat(doc.text().strip()).isEqualTo("Some text.");
  }

  @Test
  void should_report_corrupt_pdf_when_bytes_are_random() throws IOException {
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);
    Path file = Files.write(dir.resolve("broken.pdf"), bytes);

    assertThatThrownBy(() -> new Parsers().parse(file, new SourceInfo("b", null, Map.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("broken.pdf").hasMessageContaining("corrupt")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-205");
  }

  @Test
  void should_report_no_text_when_pdf_pages_are_empty() throws IOException {
    Path file = pdf("scan.pdf", null, List.of(List.of()));

    assertThatThrownBy(() -> new Parsers().parse(file, new SourceInfo("s", null, Map.of())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("OCR")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-209");
  }
}
