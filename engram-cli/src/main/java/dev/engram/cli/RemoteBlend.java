package dev.engram.cli;

import dev.engram.client.AnswerResult;
import dev.engram.client.EngramClient;
import dev.engram.client.Question;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;

/**
 * The remote half of {@code ask}: the server's answer (and with --show-context its context),
 * printed as locally. For people the answer is streamed, its text printed as the server sends it;
 * {@code --json} waits for the whole answer.
 */
final class RemoteBlend {
  /** Said after a streamed answer that was not generated: it is not known before the stream ends. */
  static final String EXTRACTIVE_AFTER = "(an extractive answer: the server has no LLM; set "
      + dev.engram.chat.ChatModelConfig.BASE_URL_VAR + " and " + dev.engram.chat.ChatModelConfig.MODEL_VAR
      + " where `engram serve` runs to generate answers)";

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
    AnswerResult a = client.answer(q, delta -> {
      out.print(TerminalText.escapeKeepingLines(delta));
      out.flush();
    });
    out.println();
    if (!a.generated()) {
      out.println(EXTRACTIVE_AFTER);
    }
    sources(out, a, "");
    details(out, a);
    return 0;
  }

  /** The citations the answer uses, then the memories among them. */
  static void sources(PrintWriter out, AnswerResult a, String indent) {
    if (a.citations().isEmpty()) {
      out.println(indent + "Sources: none cited");
    } else {
      out.println(indent + "Sources:");
      a.citations().forEach(cite -> out.println(indent + "  " + ContextPrinter.describe(cite)));
    }
    if (!a.memoriesUsed().isEmpty()) {
      out.println(indent + "Memories used: " + a.memoriesUsed().stream()
          .map(m -> "[" + m.number() + "] " + SearchCommand.snippet(m.text(), 120))
          .collect(Collectors.joining("; ")));
    }
  }

  private static void details(PrintWriter out, AnswerResult a) {
    out.println("Route: " + a.route().toUpperCase(Locale.ROOT) + " (" + a.reason() + ")");
    out.printf("Context: %d tokens; %d ms context, %d ms %s, %d ms remember%n",
        a.tokens().getOrDefault("context", 0), a.timingsMs().getOrDefault("context", 0L),
        a.timingsMs().getOrDefault("generation", 0L), a.generated() ? "generation" : "extraction",
        a.timingsMs().getOrDefault("remember", 0L));
  }
}
