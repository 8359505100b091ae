package dev.engram.server.api;

import dev.engram.Engram;
import dev.engram.answer.Answer;
import dev.engram.answer.Answerer;
import dev.engram.common.EngramException;
import dev.engram.common.Scope;
import dev.engram.context.Citation;
import dev.engram.context.Context;
import dev.engram.context.ContextSection;
import dev.engram.server.ServerEngine;
import dev.engram.server.http.Access;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.Call;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Json;
import dev.engram.server.http.Problem;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blend over HTTP: the context for a question (route, sections, rendered text, citations),
 * and the answer, generated when a chat model is configured, else extractive; streamed as
 * server-sent events when asked ({@code delta} events, then one {@code answer} event).
 */
public final class BlendApi {
  /** Largest budget a request may ask for: more than any model's window this engine targets. */
  static final int MAX_BUDGET = 32_000;

  private final Engram engram;

  public BlendApi(ServerEngine engine) {
    this.engram = engine.engram();
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/context", Access.TENANT, this::context),
        Route.post("/v1/answer", Access.TENANT, this::answer));
  }

  /** A question in a scope: the body of {@code /v1/context} and {@code /v1/answer}; MCP's {@code get_context} makes one. */
  public record BlendBody(Optional<String> userId, Optional<String> agentId, Optional<String> sessionId,
      Optional<String> question, Optional<Integer> budgetTokens, Optional<List<String>> kb,
      Optional<Boolean> stream) {}

  /** One citation: a numbered passage or memory with its span and provenance (the blend's answers, the OpenAI proxy's {@code engram} field). */
  public record CitationView(int number, String kind, String id, String title, String text, int start,
      int end, List<String> provenance) {
    public static CitationView of(Citation c) {
      return new CitationView(c.number(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
          c.id(), c.title(), c.text(), c.start(), c.end(), c.provenance());
    }

    public static List<CitationView> all(List<Citation> cs) {
      return cs.stream().map(CitationView::of).toList();
    }
  }

  /** One section of a context (knowledge, memories, recent turns) and its tokens. */
  public record SectionView(String kind, List<String> lines, int tokens) {
    static SectionView of(ContextSection s) {
      return new SectionView(s.kind().name().toLowerCase(java.util.Locale.ROOT), s.lines(), s.tokens());
    }
  }

  /** An item left out of the context: where it would have gone, its tokens and why. */
  public record CutView(String section, String label, int tokens, String reason) {
    static List<CutView> all(Context c) {
      return c.cut().stream().map(x -> new CutView(x.section().name().toLowerCase(java.util.Locale.ROOT),
          x.label(), x.tokens(), x.reason())).toList();
    }
  }

  /** A context as the API shows it: route, sections, rendered text, citations and what was cut. */
  public record ContextView(String question, String route, String reason, List<SectionView> sections,
      String text, List<CitationView> citations, int tokensUsed, int budgetTokens,
      List<CutView> cut) {
    static ContextView of(Context c) {
      return new ContextView(c.question(), c.route().route().name().toLowerCase(java.util.Locale.ROOT),
          c.route().reason(), c.sections().stream().map(SectionView::of).toList(), c.render(),
          CitationView.all(c.citations()), c.tokensUsed(), c.budget(), CutView.all(c));
    }
  }

  private Reply context(Call call) {
    return Reply.ok(context(call.tenant(), call.body(BlendBody.class)));
  }

  /** The context for {@code req}'s question in the tenant: knowledge, memories, recent turns. */
  public ContextView context(String tenant, BlendBody req) {
    if (req.stream().isPresent()) {
      throw ApiException.badField(ErrorCodes.BAD_FIELD, "stream",
          "unknown field 'stream': only /v1/answer streams");
    }
    Scope scope = scope(tenant, req);
    String question = Call.required(req.question(), "question");
    Optional<Integer> budget = budget(req);
    Context context = budget.isEmpty() ? engram.context(scope, question)
        : engram.context(scope, question, budget.get());
    return ContextView.of(context);
  }

  record AnswerView(String question, String text, boolean generated, List<CitationView> citations,
      List<CitationView> memoriesUsed, String route, String reason, List<String> rememberedIds,
      Map<String, Integer> tokens, Map<String, Long> timingsMs, List<SectionView> sections,
      List<CutView> cut, int budgetTokens) {
    static AnswerView of(Answer a) {
      return new AnswerView(a.question(), a.text(), a.generated(), CitationView.all(a.citations()),
          CitationView.all(a.memoriesUsed()), a.route().route().name().toLowerCase(java.util.Locale.ROOT),
          a.route().reason(), a.rememberedIds(),
          Map.of("context", a.tokens().context(), "prompt", a.tokens().prompt(),
              "completion", a.tokens().completion()),
          Map.of("context", a.timings().context(), "generation", a.timings().generation(),
              "remember", a.timings().remember()),
          a.context().sections().stream().map(SectionView::of).toList(), CutView.all(a.context()),
          a.context().budget());
    }
  }

  private Reply answer(Call call) throws IOException {
    BlendBody req = call.body(BlendBody.class);
    Scope scope = scope(call.tenant(), req);
    String question = Call.required(req.question(), "question");
    Answerer answerer = answerer(req);
    if (!req.stream().orElse(false)) {
      return Reply.ok(AnswerView.of(answerer.answer(scope, question)));
    }
    // From here on the status is 200 and errors travel as an "error" event.
    var ctx = call.context();
    ctx.status(200).contentType("text/event-stream; charset=utf-8");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Accel-Buffering", "no");
    // Straight to the servlet response, so each flush sends its event: Javalin's ctx.outputStream()
    // collected the whole stream and sent it at the end with a Content-Length, so a browser saw the
    // answer all at once (ConsoleGenerationIT measures it arriving token by token). No compression
    // either: a compressor holds events back until its buffer fills.
    ctx.disableCompression();
    OutputStream out = ctx.res().getOutputStream();
    try {
      Answer a = answerer.answer(scope, question, token -> event(out, "delta", Map.of("text", token)));
      event(out, "answer", AnswerView.of(a));
    } catch (EngramException e) {
      event(out, "error", Problem.of(e, ctx.path()));
    }
    out.flush();
    return Reply.written();
  }

  private static void event(OutputStream out, String name, Object data) {
    try {
      out.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
      out.write(Json.write(data)); // JSON has no raw newline, so one data line is enough
      out.write("\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Scope scope(String tenant, BlendBody req) {
    return Owners.scope(tenant, req.userId(), req.agentId(), req.sessionId())
        .withKnowledgeBases(req.kb().filter(l -> !l.isEmpty()).orElse(List.of(Scope.DEFAULT_KB)));
  }

  /** The request's budget, checked; empty for the server's. */
  private static Optional<Integer> budget(BlendBody req) {
    if (req.budgetTokens().isPresent()) {
      int budget = req.budgetTokens().get();
      if (budget < 1 || budget > MAX_BUDGET) {
        throw ApiException.badField(ErrorCodes.BAD_FIELD, "budget_tokens",
            "field 'budget_tokens' must be between 1 and " + MAX_BUDGET + ", got: " + budget);
      }
    }
    return req.budgetTokens();
  }

  private Answerer answerer(BlendBody req) {
    return budget(req).map(engram::answerer).orElseGet(engram::answerer);
  }

}
