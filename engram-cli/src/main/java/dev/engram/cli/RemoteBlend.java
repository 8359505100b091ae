package dev.engram.cli;

import dev.engram.client.AnswerResult;
import dev.engram.client.Citation;
import dev.engram.client.EngramClient;
import dev.engram.client.Question;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;

/** The remote half of {@code ask}: the server's answer (and with --show-context its context), printed as locally. */
final class RemoteBlend {
  private RemoteBlend() {}

  static int ask(AskCommand c, EngramClient client) {
    if (c.prompt != null) {
      throw new ParameterException(c.spec.commandLine(), "--prompt with --server: the server answers with"
          + " its own prompt template; drop --prompt");
    }
    PrintWriter out = c.spec.commandLine().getOut();
    Question q = Question.of(RemoteMemory.owner(c.owner, c.remote, "ask"), c.question)
        .inKbs(c.knowledgeBases.names());
    if (c.output.json()) {
      Json.print(out, client.answer(q));
      return 0;
    }
    if (c.showContext) {
      out.print(client.context(q).text());
      out.println();
    }
    print(out, client.answer(q));
    return 0;
  }

  static void print(PrintWriter out, AnswerResult a) {
    if (!a.generated()) {
      out.println(AnswerPrinter.EXTRACTIVE);
    }
    out.println(TerminalText.escapeKeepingLines(a.text()));
    if (a.citations().isEmpty()) {
      out.println("Sources: none cited");
    } else {
      out.println("Sources:");
      a.citations().forEach(cite -> out.println("  " + describe(cite)));
    }
    if (!a.memoriesUsed().isEmpty()) {
      out.println("Memories used: " + a.memoriesUsed().stream()
          .map(m -> "[" + m.number() + "] " + SearchCommand.snippet(m.text(), 120))
          .collect(Collectors.joining("; ")));
    }
    out.println("Route: " + a.route().toUpperCase(Locale.ROOT) + " (" + a.reason() + ")");
    out.printf("Context: %d tokens; %d ms context, %d ms %s, %d ms remember%n",
        a.tokens().getOrDefault("context", 0), a.timingsMs().getOrDefault("context", 0L),
        a.timingsMs().getOrDefault("generation", 0L), a.generated() ? "generation" : "extraction",
        a.timingsMs().getOrDefault("remember", 0L));
  }

  private static String describe(Citation c) {
    return c.kind().equals("document")
        ? "[" + c.number() + "] " + TerminalText.escape(c.title()) + " (doc " + TerminalText.escape(c.id())
            + ", chars " + c.start() + "-" + c.end() + ")"
        : "[" + c.number() + "] memory (" + TerminalText.escape(c.title()) + "): " + SearchCommand.snippet(c.text(), 160);
  }
}
