package dev.engram.server.openai;

import dev.engram.memory.Memories;
import dev.engram.server.ServerEngine;
import dev.engram.server.http.Access;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.Call;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAI-compatible routes, on a tenant key: {@code POST /v1/chat/completions} (the
 * augmenting proxy), {@code GET /v1/models} (the upstream's list, passed through) and {@code POST
 * /v1/embeddings} (the in-process model). Without an upstream LLM the first two answer 503
 * (ENGRAM-961); embeddings always work. Proxied turns are remembered in the background, each
 * user's in order; {@link #close(Duration)} waits for them, then closes the upstream's HTTP client.
 */
public final class OpenAiApi implements AutoCloseable {
  /** No upstream LLM is configured. */
  static final String NO_UPSTREAM = "ENGRAM-961";
  /**
   * Turns that may wait to be remembered. Not measured: at about 0.2 s a remember (loaded test
   * machine) 256 turns are under a minute of work, and a turn waiting holds only its last user
   * message and the reply (a few KB), so the queue stays small in memory and a stop can drain it.
   */
  static final int QUEUE_CAPACITY = 256;
  /**
   * Turns of one user that may wait: a quarter of the queue, so that a client flooding the proxy
   * under one user slows only its own replies. Not measured.
   */
  static final int QUEUE_PER_USER = QUEUE_CAPACITY / 4;
  /**
   * How long a reply waits for room in a full queue before its turn is dropped. Not measured: a
   * few remembers' time, so a burst slows its replies down instead of losing turns, and a
   * remembering that is stuck costs each reply no more than this.
   */
  static final Duration QUEUE_WAIT = Duration.ofSeconds(10);
  /**
   * Turns of different users remembered at once: one per core, since remembering is CPU-bound
   * (embedding, extraction). Not measured.
   */
  static final int REMEMBER_WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final Optional<Upstream> upstream;
  private final Optional<ChatCompletions> chat;
  private final Embeddings embeddings;
  private final RememberQueue queue;

  public OpenAiApi(ServerEngine engine, ProxySettings settings,
      long maxJsonBytes, MeterRegistry registry) {
    this.upstream = settings.upstream().map(Upstream::new);
    Memories logOnly = new Memories(engine.index(), engine.embedder(), engine.engram().clock(),
        messages -> List.of());
    TurnRecorder turns = new TurnRecorder(engine.engram().memories(), logOnly,
        engine.engram().settings().rememberAnswers());
    ProxyMetrics metrics = new ProxyMetrics(registry);
    this.queue = new RememberQueue(QUEUE_CAPACITY, QUEUE_PER_USER, QUEUE_WAIT, REMEMBER_WORKERS, metrics);
    Augmenter augmenter = new Augmenter(engine.engram(), settings.contextTokens());
    this.chat = upstream.map(u -> new ChatCompletions(u, settings, augmenter, turns, queue, metrics,
        maxJsonBytes));
    this.embeddings = new Embeddings(engine.embedder(), engine.tokens(), maxJsonBytes);
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/chat/completions", Access.TENANT,
            call -> chat.orElseThrow(OpenAiApi::noUpstream).handle(call)),
        Route.get("/v1/models", Access.TENANT, this::models),
        Route.post("/v1/embeddings", Access.TENANT, embeddings::handle));
  }

  private Reply models(Call call) {
    HttpResponse<byte[]> r;
    try {
      r = upstream.orElseThrow(OpenAiApi::noUpstream).models();
    } catch (UpstreamFailure e) {
      call.context().status(e.status()).contentType("application/json").result(e.body());
      return Reply.written();
    }
    call.context().status(r.statusCode())
        .contentType(r.headers().firstValue("Content-Type").orElse("application/json"))
        .result(r.body());
    return Reply.written();
  }

  private static ApiException noUpstream() {
    return new ApiException(503, NO_UPSTREAM, "no upstream LLM is configured for the OpenAI-"
        + "compatible routes: start the server with ENGRAM_LLM_BASE_URL and ENGRAM_LLM_MODEL set"
        + " (and ENGRAM_LLM_API_KEY when the endpoint needs one); /v1/embeddings works without");
  }

  /**
   * Takes no more turns, waits up to {@code drain} for those answered to be remembered (the
   * engine must still be open), then closes the upstream's HTTP client. Idempotent.
   */
  public void close(Duration drain) {
    try {
      queue.close(drain);
    } finally {
      upstream.ifPresent(Upstream::close);
    }
  }

  /** {@link #close(Duration)} without waiting for the turns not yet remembered. */
  @Override
  public void close() {
    close(Duration.ZERO);
  }
}
