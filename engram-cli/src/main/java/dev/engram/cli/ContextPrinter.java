package dev.engram.cli;

import dev.engram.client.Citation;
import dev.engram.client.ContextResult;
import dev.engram.context.Context;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints a context for people, the same locally and through a server: a local context becomes
 * the client's {@link ContextResult}, the shape {@code /v1/context} returns, so that {@code
 * --json} is the same in both modes too.
 */
final class ContextPrinter {
  private ContextPrinter() {}

  /** A core context as the server's API shows it (kinds and routes in lower case). */
  static ContextResult of(Context c) {
    return new ContextResult(c.question(), lower(c.route().route().name()), c.route().reason(),
        c.sections().stream().map(s -> new ContextResult.Section(lower(s.kind().name()), s.lines(), s.tokens()))
            .toList(),
        c.render(),
        c.citations().stream().map(x -> new Citation(x.number(), lower(x.kind().name()), x.id(), x.title(),
            x.text(), x.start(), x.end(), x.provenance())).toList(),
        c.tokensUsed(), c.budget());
  }

  /** Route and reason, tokens per section, the rendered text, then what each [n] points at. */
  static void print(PrintWriter out, ContextResult c) {
    out.println("Route: " + c.route().toUpperCase(Locale.ROOT) + " (" + TerminalText.escape(c.reason()) + ")");
    String sections = c.sections().stream().map(s -> s.kind().replace('_', ' ') + " " + s.tokens())
        .collect(Collectors.joining(", "));
    out.printf("Context: %d of %d tokens%s, %d citations%n", c.tokensUsed(), c.budgetTokens(),
        sections.isEmpty() ? "" : " (" + sections + ")", c.citations().size());
    out.println();
    if (c.text().isBlank()) {
      out.println("(nothing found for this question)");
    } else {
      out.println(TerminalText.escapeKeepingLines(c.text().strip()));
    }
    out.println();
    if (c.citations().isEmpty()) {
      out.println("Citations: none");
      return;
    }
    out.println("Citations:");
    c.citations().forEach(cite -> out.println("  " + describe(cite)));
  }

  /** One citation: a document's title, id and span, or a memory's kind, date and text. */
  static String describe(Citation c) {
    return c.kind().equals("document")
        ? "[" + c.number() + "] " + TerminalText.escape(c.title()) + " (doc " + TerminalText.escape(c.id())
            + ", chars " + c.start() + "-" + c.end() + ")"
        : "[" + c.number() + "] " + c.kind() + " (" + TerminalText.escape(c.title()) + "): "
            + SearchCommand.snippet(c.text(), 160);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
