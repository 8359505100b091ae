package dev.engram.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.engram.chat.ChatModelConfig;
import dev.engram.common.Scope;
import dev.engram.memory.model.Episode;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.models.openai.ScriptedChatServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A real server whose OpenAI proxy points at a scripted upstream on loopback, a tenant key, a
 * document and a memory of user {@code ann} to inject, and official OpenAI SDK clients on the
 * server's {@code /v1}.
 */
final class Proxied implements AutoCloseable {
  static final String UPSTREAM_KEY = "upstream-secret-key";
  static final String UPSTREAM_MODEL = "upstream-model";
  static final String PASSAGE = "The fog horn sounds twice every thirty seconds.";
  static final String MEMORY = "I live in Paris and I love hiking.";

  final ScriptedChatServer llm = ScriptedChatServer.start();
  final Served served;
  final String key;

  Proxied(Path data, Duration upstreamTimeout) {
    this(data, upstreamTimeout, false, dev.engram.server.openai.ProxySettings.DEFAULT_CONTEXT_TOKENS);
  }

  Proxied(Path data, Duration upstreamTimeout, boolean pin, int window) {
    this(data, upstreamTimeout, pin, window, model -> Served.fakeEngine(data, model));
  }

  /** With the engine {@code engine} makes around the upstream's chat model. */
  Proxied(Path data, Duration upstreamTimeout, boolean pin, int window,
      java.util.function.Function<Optional<dev.engram.chat.ChatModel>, ServerEngine> engine) {
    OpenAiChatModel model = new OpenAiChatModel(ChatModelConfig.of(llm.baseUrl().toString(), UPSTREAM_MODEL)
        .withApiKey(UPSTREAM_KEY).withTimeout(upstreamTimeout).withMaxRetries(0));
    served = Served.withProxy(data, engine.apply(Optional.of(model)), pin, window);
    key = served.keyFor("acme");
    ok(served.http.post("/v1/documents", key, Map.of("text", PASSAGE, "title", "Fog horn")));
    ok(served.http.post("/v1/memories", key, Map.of("user_id", "ann",
        "messages", List.of(Map.of("role", "user", "content", MEMORY)))));
  }

  private static void ok(Http.Response r) {
    if (r.status() / 100 != 2) {
      throw new AssertionError("setup failed: " + r);
    }
  }

  /** An SDK client with the Engram key, no retries, and these extra headers. */
  OpenAIClient client(Map<String, String> headers) {
    OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder().baseUrl(served.server.url() + "/v1")
        .apiKey(key).maxRetries(0).timeout(Duration.ofSeconds(20));
    headers.forEach(b::putHeader);
    return b.build();
  }

  /** The latest messages Engram logged for {@code user} in {@code session}, oldest first. */
  List<Episode> turns(String user, String session) {
    List<Episode> newestFirst = served.engine.engram().memories()
        .recentTurns(Scope.ofTenant("acme").withUser(user).withSession(session), 20);
    return newestFirst.reversed();
  }

  /** The value of one proxy counter in /metrics (0 when absent). */
  double metric(String line) {
    String metrics = served.http.get("/metrics", null).body();
    return metrics.lines().filter(l -> l.startsWith(line + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(line.length() + 1).strip())).orElse(0.0);
  }

  /**
   * Waits up to 10 s until no proxied turn is waiting to be remembered. A turn is queued before
   * its reply's last bytes are sent, so once a client has its reply this sees the turn: after it,
   * "nothing was remembered" is an answer, not a race.
   */
  void awaitRemembered() {
    eventually(() -> metric("engram_proxy_remember_queue") == 0.0, "the remember queue empty");
  }

  /** Waits up to 10 s for {@code condition} (remembering happens after the reply is sent). */
  static void eventually(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    served.close();
    llm.close();
  }
}
