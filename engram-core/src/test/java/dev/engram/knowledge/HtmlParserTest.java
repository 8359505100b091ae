package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlParserTest {
  @TempDir Path dir;

  private Document parse(String name, String html) throws IOException {
    Path file = Files.writeString(dir.resolve(name), html);
    return new Parsers().parse(file, new SourceInfo("h", null, Map.of())).getFirst();
  }

  @Test
  void should_keep_readable_text_and_heading_sections_when_page_has_chrome() throws IOException {
    Document doc = parse("page.html", """
        <html><head><title> The Title </title><style>p { color: red }</style></head>
        <body>
          <header>Site header</header>
          <nav><a href="/">Home</a></nav>
          <p>Lead   paragraph with <b>bold</b> and <a href="#">a link</a>.</p>
          <h1>Main</h1>
          <p>First para.</p>
          <h2>Sub <em>part</em></h2>
          <ul><li>one</li><li>two</li></ul>
          <script>var x = "secret";</script>
          <aside>Related links</aside>
          <h2>Other</h2>
          <div>Line one<br>Line two</div>
          <pre>  keep   spaces</pre>
          <footer>Copyright</footer>
        </body></html>
        """);

    assertThat(doc.title()).isEqualTo("The Title");
    assertThat(doc.mediaType()).isEqualTo("text/html");
    assertThat(doc.source()).isEqualTo(dir.resolve("page.html").toAbsolutePath().toString());
    assertThat(doc.text()).isEqualTo("""
        Lead paragraph with bold and a link.

        Main

        First para.

        Sub part

        - one
        - two

        Other

        Line one
        Line two

          keep   spaces""");
    assertThat(doc.sections()).extracting(Section::path).containsExactly(
        List.of("Main"), List.of("Main", "Sub part"), List.of("Main", "Other"));
    for (Section s : doc.sections()) {
      assertThat(doc.text().substring(s.start())).startsWith(s.path().getLast());
    }
  }

  @Test
  void should_take_title_from_first_h1_or_file_name_when_title_is_missing() throws IOException {
    assertThat(parse("a.htm", "<h1>Heading One</h1><p>x</p>").title()).isEqualTo("Heading One");
    assertThat(parse("b.HTML", "<p>only a paragraph</p>").title()).isEqualTo("b.HTML");
  }
}
