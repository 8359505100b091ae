package dev.engram.cli;

import dev.engram.answer.Answer;
import dev.engram.chat.ChatModelConfig;
import dev.engram.context.Citation;
import dev.engram.context.Context;
import dev.engram.context.ContextSection;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** Prints answers for people: the text, its sources, the memories used and how it was built. */
final class AnswerPrinter {
  static final String EXTRACTIVE = "Extractive answer (generation is off: set "
      + ChatModelConfig.BASE_URL_VAR + " and " + ChatModelConfig.MODEL_VAR
      + " to generate answers with an LLM):";

  private AnswerPrinter() {}

  /** The whole answer: label, text, sources and the context summary. */
  static void print(PrintWriter out, Answer answer) {
    if (!answer.generated()) {
      out.println(EXTRACTIVE);
    }
    out.println(TerminalText.escapeKeepingLines(answer.text()));
    sources(out, answer, "");
    details(out, answer, "");
  }

  /** The citations the answer uses, then the memories among them. */
  static void sources(PrintWriter out, Answer answer, String indent) {
    if (answer.citations().isEmpty()) {
      out.println(indent + "Sources: none cited");
    } else {
      out.println(indent + "Sources:");
      for (Citation c : answer.citations()) {
        out.println(indent + "  " + describe(c));
      }
    }
    if (!answer.memoriesUsed().isEmpty()) {
      out.println(indent + "Memories used: " + answer.memoriesUsed().stream()
          .map(c -> "[" + c.number() + "] " + SearchCommand.snippet(c.text(), 120))
          .collect(Collectors.joining("; ")));
    }
  }

  /** Route, tokens per section, cuts and timings. */
  static void details(PrintWriter out, Answer answer, String indent) {
    Context c = answer.context();
    out.println(indent + "Route: " + c.route().route() + " (" + c.route().reason() + ")");
    String sections = c.sections().stream()
        .map(s -> s.kind().name().toLowerCase().replace('_', ' ') + " " + s.tokens())
        .collect(Collectors.joining(", "));
    out.printf("%sContext: %d of %d tokens%s, %d citations, %d items cut; %d ms context, %d ms %s, %d ms remember%n",
        indent, c.tokensUsed(), c.budget(), sections.isEmpty() ? "" : " (" + sections + ")",
        c.citations().size(), c.cut().size(), answer.timings().context(),
        answer.timings().generation(), answer.generated() ? "generation" : "extraction",
        answer.timings().remember());
  }

  static String describe(Citation c) {
    return c.kind() == Citation.Kind.DOCUMENT
        ? "[" + c.number() + "] " + TerminalText.escape(c.title()) + " (doc " + TerminalText.escape(c.id())
            + ", chars " + c.start() + "-" + c.end() + ")"
        : "[" + c.number() + "] memory (" + TerminalText.escape(c.title()) + "): " + SearchCommand.snippet(c.text(), 160);
  }

  /** The context's sections as rendered, for --show-context. */
  static void context(PrintWriter out, Context context) {
    for (ContextSection s : context.sections()) {
      out.print(s.render());
    }
  }
}
