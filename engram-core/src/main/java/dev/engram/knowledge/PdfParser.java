package dev.engram.knowledge;

import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Extracts a PDF's text with PDFBox, keeping a {@link Page} span per page; the title is the
 * document information title, else the file name.
 */
public final class PdfParser implements Parser {
  private final SourceReader reader;

  PdfParser(SourceReader reader) {
    this.reader = reader;
  }

  @Override
  public List<Document> parse(Path file, SourceInfo info) {
    byte[] bytes = reader.readBytes(file);
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      PageRecorder stripper = new PageRecorder();
      stripper.extract(pdf);
      String text = stripper.text();
      if (text.isBlank()) {
        throw new InvalidInputException(SourceErrors.NO_TEXT,
            "PDF " + file + " has no extractable text (it may be scanned images); run OCR on it"
                + " first or remove it.");
      }
      String title = pdf.getDocumentInformation().getTitle();
      title = title == null || title.isBlank() ? SingleFile.name(file) : title.strip();
      return List.of(SingleFile.document(file, info, title, "application/pdf", text, List.of(),
          stripper.pages()));
    } catch (InvalidPasswordException e) {
      throw new InvalidInputException(SourceErrors.CORRUPT_PDF,
          "PDF " + file + " is password-protected; remove the password and ingest it again.", e);
    } catch (IOException e) {
      throw new InvalidInputException(SourceErrors.CORRUPT_PDF,
          "PDF " + file + " is corrupt or not a PDF (" + e.getMessage() + "); re-export it from"
              + " its source or remove it.", e);
    }
  }

  /** A text stripper that records where each page's text starts and ends in the output. */
  private static final class PageRecorder extends PDFTextStripper {
    private final StringWriter out = new StringWriter();
    private final List<Page> pages = new ArrayList<>();
    private int pageStart;

    PageRecorder() {
      setLineSeparator("\n");
      setParagraphEnd("\n");
      setPageEnd("\n");
      setSortByPosition(true);
    }

    void extract(PDDocument pdf) throws IOException {
      writeText(pdf, out);
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
      super.startPage(page);
      pageStart = out.getBuffer().length();
    }

    @Override
    protected void endPage(PDPage page) throws IOException {
      super.endPage(page);
      pages.add(new Page(getCurrentPageNo(), pageStart, trimmedEnd(pageStart)));
    }

    private int trimmedEnd(int from) {
      StringBuffer buffer = out.getBuffer();
      int end = buffer.length();
      while (end > from && Character.isWhitespace(buffer.charAt(end - 1))) {
        end--;
      }
      return end;
    }

    String text() {
      return out.toString();
    }

    List<Page> pages() {
      return List.copyOf(pages);
    }
  }
}
