package dev.engram.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Small real files of every supported type, written by the tests themselves. */
final class Fixtures {
  private Fixtures() {}

  static Path knowledgeBase(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("guide.md"), """
        # Lighthouse Guide

        ## Keepers

        The keeper climbs the spiral staircase every evening to light the lamp.

        ## Fog signals

        In fog the horn sounds twice every thirty seconds so ships can find the harbour.
        """);
    Files.writeString(dir.resolve("sub/page.html"), """
        <html><head><title>Harbour Rules</title><script>var tracking = "zzzsecretscript";</script></head>
        <body><nav>Home | About</nav><h1>Harbour Rules</h1>
        <p>Boats must moor at the eastern pier after sunset. Anchoring in the channel is forbidden.</p>
        </body></html>
        """);
    Files.writeString(dir.resolve("notes.txt"), "Porridge with cinnamon is the traditional keeper breakfast.\n");
    writePdf(dir.resolve("manual.pdf"),
        "The lamp uses a Fresnel lens made of glass prisms.",
        "Replace the mantle of the paraffin burner every spring.");
    return dir;
  }

  /** A long manual: page 2 starts far enough in that its chunks start on page 2. */
  static Path longManual(Path file) throws IOException {
    String filler = "Keep the brass fittings polished and the log book up to date each day.";
    writePdf(file,
        "The lamp uses a Fresnel lens made of glass prisms.\n" + (filler + "\n").repeat(40),
        (filler + "\n").repeat(40) + "Trim the wick of the kerosene stove every autumn.");
    return file;
  }

  static void writePdf(Path file, String... pages) throws IOException {
    try (PDDocument pdf = new PDDocument()) {
      for (String text : pages) {
        PDPage page = new PDPage();
        pdf.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          content.setLeading(14);
          content.newLineAtOffset(72, 740);
          for (String line : text.split("\n")) {
            content.showText(line);
            content.newLine();
          }
          content.endText();
        }
      }
      pdf.save(file.toFile());
    }
  }
}
