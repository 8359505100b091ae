package dev.engram.knowledge;

import java.nio.file.Path;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Parses CommonMark into plain text without markup: headings start sections (their text is kept
 * as a line), list items become lines starting with "- ", code blocks are kept verbatim.
 */
public final class MarkdownParser implements dev.engram.knowledge.Parser {
  private final SourceReader reader;
  private final Parser markdown = Parser.builder().build();

  MarkdownParser(SourceReader reader) {
    this.reader = reader;
  }

  @Override
  public List<Document> parse(Path file, SourceInfo info) {
    String source = reader.readText(file);
    TextAssembler text = new TextAssembler();
    markdown.parse(source).accept(new PlainText(text));
    String body = text.text();
    List<Section> sections = text.sections();
    String title = text.firstHeading().isEmpty() ? SingleFile.name(file) : text.firstHeading();
    return List.of(SingleFile.document(file, info, title, "text/markdown", body, sections,
        List.of()));
  }

  /** Walks the AST, sending text to the assembler. */
  private static final class PlainText extends AbstractVisitor {
    private final TextAssembler out;
    private int listDepth;

    PlainText(TextAssembler out) {
      this.out = out;
    }

    private void block() {
      if (listDepth > 0) {
        out.lineBreak();
      } else {
        out.blockBreak();
      }
    }

    @Override
    public void visit(Heading heading) {
      StringBuilder title = new StringBuilder();
      heading.accept(new AbstractVisitor() {
        @Override
        public void visit(Text text) {
          title.append(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
          title.append(code.getLiteral());
        }

        @Override
        public void visit(SoftLineBreak softLineBreak) {
          title.append(' ');
        }
      });
      out.heading(heading.getLevel(), title.toString());
    }

    @Override
    public void visit(Paragraph paragraph) {
      // The first paragraph of a list item continues the item's "- " line.
      if (!(paragraph.getParent() instanceof ListItem item && item.getFirstChild() == paragraph)) {
        block();
      }
      visitChildren(paragraph);
      block();
    }

    @Override
    public void visit(BulletList list) {
      nested(list);
    }

    @Override
    public void visit(OrderedList list) {
      nested(list);
    }

    private void nested(Node list) {
      block();
      listDepth++;
      visitChildren(list);
      listDepth--;
      block();
    }

    @Override
    public void visit(ListItem item) {
      out.lineBreak();
      out.verbatim("  ".repeat(Math.max(0, listDepth - 1)) + "- ");
      visitChildren(item);
    }

    @Override
    public void visit(BlockQuote quote) {
      block();
      visitChildren(quote);
      block();
    }

    @Override
    public void visit(FencedCodeBlock code) {
      block();
      out.verbatim(code.getLiteral());
      block();
    }

    @Override
    public void visit(IndentedCodeBlock code) {
      block();
      out.verbatim(code.getLiteral());
      block();
    }

    @Override
    public void visit(ThematicBreak thematicBreak) {
      block();
    }

    @Override
    public void visit(HtmlBlock html) {
      // Raw HTML is markup, not content.
    }

    @Override
    public void visit(HtmlInline html) {}

    @Override
    public void visit(Text text) {
      out.inline(text.getLiteral());
    }

    @Override
    public void visit(Code code) {
      out.inline(code.getLiteral());
    }

    @Override
    public void visit(SoftLineBreak softLineBreak) {
      // Keeps source lines (table rows, verse) apart; paragraphs stay blank-line separated.
      out.lineBreak();
    }

    @Override
    public void visit(HardLineBreak hardLineBreak) {
      out.lineBreak();
    }
  }
}
