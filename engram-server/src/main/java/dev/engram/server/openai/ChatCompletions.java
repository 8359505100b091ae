package dev.engram.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.server.http.Call;
import dev.engram.server.http.Json;
import dev.engram.server.http.Reply;
import dev.engram.server.openai.ProxyMetrics.Outcome;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /v1/chat/completions}: the augmenting proxy. Reads who the turn belongs to, injects
 * Engram's context as one system message, sends the client's request on to the upstream LLM
 * otherwise unchanged, relays the answer (a stream byte for byte, as it arrives), and remembers
 * the turn once the reply is complete. Engram's part never blocks the call: when assembling the
 * context fails the request goes on without it, and the turn is remembered on the {@link
 * RememberQueue} after the client has its answer (its place is taken just before the reply's
 * last bytes go out, so the user's turns keep their order).
 */
final class ChatCompletions {
  private static final System.Logger LOG = System.getLogger(ChatCompletions.class.getName());
  static final String USER_HEADER = "X-Engram-User";
  static final String SESSION_HEADER = "X-Engram-Session";
  static final String KB_HEADER = "X-Engram-KB";
  static final String MEMORY_HEADER = "X-Engram-Memory";
  static final String CONTEXT_HEADER = "X-Engram-Context";
  static final String CITATIONS_HEADER = "X-Engram-Citations";
  static final String TIMING_HEADER = "Server-Timing";
  /** Upstream headers worth passing on: request ids and rate limits. */
  private static final List<String> PASSED_HEADERS = List.of("x-request-id", "openai-", "x-ratelimit-", "retry-after");

  private final Upstream upstream;
  private final ProxySettings settings;
  private final Augmenter augmenter;
  private final TurnRecorder turns;
  private final RememberQueue queue;
  private final ProxyMetrics metrics;
  private final long maxJsonBytes;

  ChatCompletions(Upstream upstream, ProxySettings settings, Augmenter augmenter,
      TurnRecorder turns, RememberQueue queue, ProxyMetrics metrics, long maxJsonBytes) {
    this.upstream = upstream;
    this.settings = settings;
    this.augmenter = augmenter;
    this.turns = turns;
    this.queue = queue;
    this.metrics = metrics;
    this.maxJsonBytes = maxJsonBytes;
  }

  Reply handle(Call call) throws IOException {
    PhaseTimes times = new PhaseTimes(System.nanoTime());
    ChatCall chat = ChatCall.parse(call.bytes(maxJsonBytes));
    Scope scope = scope(call, chat);
    times.lap("parse");
    Context ctx = call.context();
    ctx.header(MEMORY_HEADER, scope.user().isPresent() ? "on"
        : "off: no user (send " + USER_HEADER + " or the body's 'user' to remember the conversation)");
    Augmentation augmentation = augment(chat, scope);
    times.lap("context");
    ctx.header(CONTEXT_HEADER, augmentation.state());
    ctx.header(CITATIONS_HEADER, Citations.header(augmentation.citations()));
    Optional<String> model = settings.pinModel() || chat.model().isEmpty()
        ? Optional.of(upstream.model()).filter(m -> !chat.model().equals(Optional.of(m)))
        : Optional.empty();
    byte[] body = chat.forUpstream(augmentation.message(), model);
    times.lap("encode");
    try {
      HttpResponse<InputStream> response = upstream.chat(body);
      times.lap("upstream");
      ctx.header(TIMING_HEADER, times.header());
      passHeaders(response, ctx);
      if (response.statusCode() / 100 != 2) {
        relayError(response, ctx);
      } else if (chat.stream()) {
        relayStream(response, ctx, scope, chat, augmentation);
      } else {
        relayCompletion(response, ctx, scope, chat, augmentation);
      }
    } catch (UpstreamFailure e) {
      LOG.log(System.Logger.Level.WARNING, "proxy: " + e.getMessage() + "; nothing remembered");
      metrics.ended(Outcome.UPSTREAM_FAILED);
      send(ctx, e.status(), "application/json", e.body());
    }
    return Reply.written();
  }

  /** The key's tenant, the user of the header (else of the body) and the session of the header. */
  private static Scope scope(Call call, ChatCall chat) {
    Optional<String> user = header(call, USER_HEADER).or(chat::user).filter(u -> !u.isBlank());
    Optional<String> session = header(call, SESSION_HEADER);
    List<String> kbs = header(call, KB_HEADER).map(v -> Arrays.stream(v.split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList()).filter(l -> !l.isEmpty())
        .orElse(List.of(Scope.DEFAULT_KB));
    try {
      return new Scope(call.tenant(), user, Optional.empty(), user.isPresent() ? session : Optional.empty(), kbs);
    } catch (InvalidInputException e) {
      throw ChatCall.bad(USER_HEADER, "the user, session or knowledge base is not a valid id ("
          + e.getMessage() + "): use letters, digits and . _ : @ + -, at most 128");
    }
  }

  private static Optional<String> header(Call call, String name) {
    return Optional.ofNullable(call.context().header(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private Augmentation augment(ChatCall chat, Scope scope) {
    try {
      return augmenter.augment(chat, scope);
    } catch (RuntimeException e) {
      // Engram failing must not fail the application's LLM call: send it on without context.
      metrics.augmentFailed();
      LOG.log(System.Logger.Level.WARNING, "proxy: assembling the context failed; the request goes"
          + " upstream without it", e);
      return Augmentation.skipped("engram failed (the server log says why)");
    }
  }

  private static void passHeaders(HttpResponse<?> response, Context ctx) {
    response.headers().map().forEach((name, values) -> {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (PASSED_HEADERS.stream().anyMatch(lower::startsWith) && !values.isEmpty()) {
        ctx.header(name, values.getFirst());
      }
    });
  }

  /** An upstream error: its status and body, in OpenAI's shape (wrapped when it is not). */
  private void relayError(HttpResponse<InputStream> response, Context ctx) throws IOException {
    byte[] body = upstream.readAll(response.body());
    int status = response.statusCode();
    if (!isOpenAiError(body)) {
      String text = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
      body = UpstreamFailure.openAiError("the LLM answered HTTP " + status + ": " + text,
          "upstream_error", UpstreamFailure.FAILED);
    }
    LOG.log(System.Logger.Level.INFO, "proxy: the LLM answered HTTP " + status + "; nothing remembered");
    metrics.ended(Outcome.UPSTREAM_ERROR);
    send(ctx, status, "application/json", body);
  }

  private static boolean isOpenAiError(byte[] body) {
    try {
      return Json.mapper().readTree(body).path("error").isObject();
    } catch (IOException e) {
      return false;
    }
  }

  private void relayCompletion(HttpResponse<InputStream> response, Context ctx, Scope scope,
      ChatCall chat, Augmentation augmentation) throws IOException {
    byte[] body = upstream.readAll(response.body());
    JsonNode completion;
    try {
      completion = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw UpstreamFailure.failed("the LLM's reply is not JSON (" + e.getMessage() + ")", e);
    }
    if (completion == null || !completion.isObject()) {
      throw UpstreamFailure.failed("the LLM's reply is not a chat completion object", null);
    }
    String type = response.headers().firstValue("Content-Type").orElse("application/json");
    Optional<RememberQueue.Slot> slot = reserve(scope);
    try {
      if (!send(ctx, response.statusCode(), type, withEngramField(body, augmentation, scope))) {
        LOG.log(System.Logger.Level.INFO, "proxy: the client left before the reply was sent; nothing remembered");
        metrics.ended(Outcome.CLIENT_GONE);
        return;
      }
      metrics.ended(Outcome.COMPLETED);
      remember(slot, scope, chat, AssistantReply.of(completion));
    } finally {
      slot.ifPresent(RememberQueue.Slot::cancel); // no-op once submitted
    }
  }

  /** What the proxy tells the client in the {@code engram} field: the context and its citations. */
  private static ObjectNode engramField(Augmentation augmentation, Scope scope) {
    ObjectNode engram = Json.mapper().createObjectNode();
    engram.put("context", augmentation.state()).put("memory", scope.user().isPresent());
    engram.set("citations", Json.mapper().valueToTree(Citations.views(augmentation.citations())));
    return engram;
  }

  /**
   * The upstream's bytes with a top-level {@code engram} field added before the closing brace:
   * the rest stays exactly as the upstream wrote it.
   */
  private static byte[] withEngramField(byte[] body, Augmentation augmentation, Scope scope) {
    int end = body.length - 1;
    while (end >= 0 && Character.isWhitespace(body[end])) {
      end--;
    }
    int before = end - 1;
    while (before >= 0 && Character.isWhitespace(body[before])) {
      before--;
    }
    byte[] field = ((body[before] == '{' ? "" : ",") + "\"engram\":" + engramField(augmentation, scope) + "}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(body, end + field.length);
    System.arraycopy(field, 0, out, end, field.length);
    return out;
  }

  /**
   * Relays the upstream's stream as it comes, with the {@code engram} field added to its first
   * chunk, and remembers the turn when it completed and reached the client.
   */
  private void relayStream(HttpResponse<InputStream> response, Context ctx, Scope scope,
      ChatCall chat, Augmentation augmentation) {
    // Set as soon as a place is taken, so that even an unexpected failure gives it back.
    AtomicReference<RememberQueue.Slot> slot = new AtomicReference<>();
    try {
      relayStream(response, ctx, scope, chat, new FirstChunkField("engram",
          engramField(augmentation, scope)), slot);
    } finally {
      Optional.ofNullable(slot.get()).ifPresent(RememberQueue.Slot::cancel); // no-op once submitted
    }
  }

  /** The relay itself; puts the place it takes in the remember queue in {@code slot}. */
  private void relayStream(HttpResponse<InputStream> response, Context ctx, Scope scope,
      ChatCall chat, FirstChunkField engram, AtomicReference<RememberQueue.Slot> slot) {
    ctx.disableCompression();
    ctx.status(200).contentType(response.headers().firstValue("Content-Type").orElse("text/event-stream"));
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Accel-Buffering", "no");
    SseTap tap = new SseTap();
    boolean reserved = false;
    Optional<UpstreamFailure> failed = Optional.empty();
    boolean clientGone = false;
    OutputStream out = rawOutput(ctx);
    byte[] buffer = new byte[8192];
    try (InputStream in = response.body();
        dev.engram.models.openai.IdleWatchdog watchdog =
            new dev.engram.models.openai.IdleWatchdog(in, upstream.timeout())) {
      InputStream body = watchdog.stream();
      while (true) {
        int n;
        try {
          n = body.read(buffer);
        } catch (IOException e) {
          failed = Optional.of(watchdog.fired()
              ? UpstreamFailure.timeout("the LLM stopped sending its stream for "
                  + upstream.timeout().toSeconds() + " s", e)
              : UpstreamFailure.failed("the LLM broke off its stream (" + e + ")", e));
          break;
        }
        if (n < 0) {
          break;
        }
        tap.feed(buffer, 0, n);
        if (!reserved && tap.complete()) {
          // Before the last bytes go out: once the client has them, its next turn comes after.
          reserve(scope).ifPresent(slot::set);
          reserved = true;
        }
        try {
          engram.write(buffer, 0, n, out);
          out.flush();
        } catch (IOException e) {
          clientGone = true;
          break;
        }
      }
      if (!clientGone) {
        try {
          engram.finish(out);
          out.flush();
        } catch (IOException e) {
          clientGone = true;
        }
      }
    } catch (IOException e) {
      // Closing the upstream's body failed: what was read stands.
    }
    if (clientGone) {
      LOG.log(System.Logger.Level.INFO, "proxy: the client disconnected mid-stream; nothing remembered");
      metrics.ended(Outcome.CLIENT_GONE);
      return;
    }
    if (failed.isEmpty() && !tap.complete()) {
      failed = Optional.of(UpstreamFailure.failed(tap.error().map(m -> "the LLM sent an error in"
          + " its stream: " + m).orElse("the LLM's stream ended before [DONE] or a finish reason"), null));
    }
    if (failed.isPresent()) {
      LOG.log(System.Logger.Level.WARNING, "proxy: " + failed.get().getMessage() + "; nothing remembered");
      metrics.ended(Outcome.UPSTREAM_FAILED);
      if (tap.error().isEmpty()) {
        // Tell the client in the stream, as OpenAI does; its SDK raises it as an error.
        try {
          out.write(("data: " + new String(failed.get().body(), StandardCharsets.UTF_8) + "\n\n")
              .getBytes(StandardCharsets.UTF_8));
          out.flush();
        } catch (IOException e) {
          // The client is gone as well.
        }
      }
      return;
    }
    metrics.ended(Outcome.COMPLETED);
    remember(Optional.ofNullable(slot.get()), scope, chat, tap.reply());
  }

  /** Writes a whole response now (so that remembering after it does not delay the client). */
  private static boolean send(Context ctx, int status, String type, byte[] body) {
    ctx.disableCompression();
    ctx.status(status).contentType(type);
    ctx.header("Content-Length", Integer.toString(body.length));
    try {
      OutputStream out = rawOutput(ctx);
      out.write(body);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The servlet's own output: Javalin's {@code ctx.outputStream()} holds what is written until
   * the handler returns, which would turn a stream into one late reply.
   */
  private static OutputStream rawOutput(Context ctx) {
    try {
      return ctx.res().getOutputStream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A place in the user's line of turns to remember; empty without a user (or room). */
  private Optional<RememberQueue.Slot> reserve(Scope scope) {
    return scope.user().flatMap(user -> queue.reserve(new RememberQueue.Owner(scope.tenant(), user)));
  }

  /** Hands the turn to {@code slot}, to be remembered after the user's earlier turns. */
  private void remember(Optional<RememberQueue.Slot> slot, Scope scope, ChatCall chat,
      AssistantReply reply) {
    slot.ifPresent(s -> {
      TurnRecorder.Turn turn = TurnRecorder.turn(scope, chat, reply);
      s.submit(() -> turns.record(turn));
    });
  }
}
