package dev.engram.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Parses HTML with jsoup into readable text: scripts, styles, navigation, headers, footers and
 * asides are dropped; h1-h6 start sections; the title is {@code <title>}, else the first h1,
 * else the file name.
 */
public final class HtmlParser implements Parser {
  private static final String DROPPED =
      "script, style, nav, header, footer, aside, noscript, template, iframe, svg, form, button";
  private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main",
      "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "blockquote", "figure",
      "figcaption", "hr", "address", "details", "summary", "fieldset", "body", "caption");
  private static final Set<String> LINES = Set.of("li", "tr", "br");

  private final SourceReader reader;

  HtmlParser(SourceReader reader) {
    this.reader = reader;
  }

  @Override
  public List<Document> parse(Path file, SourceInfo info) {
    org.jsoup.nodes.Document html = Jsoup.parse(reader.readText(file), file.toUri().toString());
    String title = html.title().strip();
    html.select(DROPPED).remove();
    if (title.isEmpty()) {
      Element h1 = html.selectFirst("h1");
      title = h1 == null ? "" : h1.text().strip();
    }
    if (title.isEmpty()) {
      title = SingleFile.name(file);
    }
    TextAssembler text = new TextAssembler();
    html.body().filter(new PlainText(text));
    String body = text.text();
    return List.of(SingleFile.document(file, info, title, "text/html", body, text.sections(),
        List.of()));
  }

  /** Sends the DOM's text to the assembler, in document order. */
  private record PlainText(TextAssembler out) implements NodeFilter {
    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode text) {
        out.inline(text.getWholeText());
      } else if (node instanceof Element element) {
        String tag = element.normalName();
        if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1'
            && tag.charAt(1) <= '6') {
          out.heading(tag.charAt(1) - '0', element.text());
          return FilterResult.SKIP_ENTIRELY;
        }
        if (tag.equals("pre")) {
          out.blockBreak();
          out.verbatim(element.wholeText());
          out.blockBreak();
          return FilterResult.SKIP_ENTIRELY;
        }
        if (tag.equals("li")) {
          out.lineBreak();
          out.verbatim("- ");
        } else if (tag.equals("td") || tag.equals("th")) {
          out.inline(" ");
        } else {
          separate(tag);
        }
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element element) {
        separate(element.normalName());
      }
      return FilterResult.CONTINUE;
    }

    private void separate(String tag) {
      if (BLOCKS.contains(tag)) {
        out.blockBreak();
      } else if (LINES.contains(tag)) {
        out.lineBreak();
      }
    }
  }
}
