package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.client.ContextResult;
import dev.engram.client.Question;
import dev.engram.common.Scope;
import dev.engram.context.Context;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code engram context --user U "question"}: the context an application would put into its own
 * LLM's prompt (route and reason, sections, rendered text, citations), without answering or
 * remembering anything.
 */
@Command(name = "context", mixinStandardHelpOptions = true,
    description = {"Assemble the context for a question from the knowledge bases and the user's memories,"
        + " within a token budget: the route and why, the sections, the rendered text and its citations.",
        "Nothing is answered or remembered: this is what an application that brings its own LLM puts into its prompt."})
final class ContextCommand implements Callable<Integer> {
  /** The largest budget, as the server's {@code /v1/context} allows: more than any model's window. */
  static final int MAX_BUDGET = 32_000;

  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin RemoteOptions remote;
  @Mixin MemoryScopeOptions owner;
  @Mixin KnowledgeBases knowledgeBases;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "QUESTION", description = "The question.")
  String question;

  @Option(names = "--budget", paramLabel = "TOKENS",
      description = "Token budget of the context, cl100k_base tokens (default: the settings', 2000).")
  Integer budget;

  @Override
  public Integer call() {
    if (budget != null && (budget < 1 || budget > MAX_BUDGET)) {
      throw new ParameterException(spec.commandLine(),
          "--budget must be between 1 and " + MAX_BUDGET + ", got " + budget);
    }
    PrintWriter out = spec.commandLine().getOut();
    var server = remote.client();
    ContextResult context;
    if (server.isPresent()) {
      Question q = Question.of(RemoteMemory.owner(owner, remote, "assemble a context"), question)
          .inKbs(knowledgeBases.names());
      context = server.get().context(budget == null ? q : q.withBudget(budget));
    } else {
      Scope scope = knowledgeBases.applyTo(owner.scope().requireOwner("assemble a context"));
      try (Engram engram = data.openReadOnly()) {
        Context c = budget == null ? engram.context(scope, question) : engram.context(scope, question, budget);
        context = ContextPrinter.of(c);
      }
    }
    if (output.json()) {
      Json.print(out, context);
    } else {
      ContextPrinter.print(out, context);
    }
    return 0;
  }
}
