package dev.engram.server;

import static dev.engram.server.Proxied.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.engram.Settings;
import dev.engram.common.Scope;
import dev.engram.embed.CachingEmbedder;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.Embedder;
import dev.engram.embed.FakeEmbedder;
import dev.engram.common.VectorSpace;
import dev.engram.memory.model.Episode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remembering off the request path, on a real server and Lucene: replies come while remembering
 * is held up, one user's turns are remembered in the order of their replies, and a stop waits
 * for the turns already answered. The query of a proxied request runs through the embedding
 * model once for knowledge and memory together.
 */
class ProxyRememberingIT {
  /** Texts of the turns (and of what is extracted from them) carry this, so only they are held up. */
  private static final String MARK = "turn-";
  @TempDir Path tmp;

  /**
   * Core's fake embedder behind a gate for the documents that carry {@link #MARK}, counting the
   * queries that reach it (as the model, behind the server's cache).
   */
  static final class GatedEmbedder implements Embedder {
    final FakeEmbedder fake = new FakeEmbedder(384);
    final CountDownLatch open = new CountDownLatch(1);
    final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();

    @Override
    public VectorSpace space() {
      return fake.space();
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
      if (texts.stream().anyMatch(t -> t.contains(MARK))) {
        try {
          open.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return fake.embedDocuments(texts);
    }

    @Override
    public float[] embedQuery(String query) {
      queries.computeIfAbsent(query, q -> new AtomicInteger()).incrementAndGet();
      return fake.embedQuery(query);
    }
  }

  private static Proxied proxied(Path data, GatedEmbedder embedder) {
    return new Proxied(data, Duration.ofSeconds(5), false,
        dev.engram.server.openai.ProxySettings.DEFAULT_CONTEXT_TOKENS,
        model -> ServerEngine.open(data, Optional.empty(), Optional.empty(), model,
            Settings.defaults().withLlmMemory(false),
            new CachingEmbedder(embedder, data.resolve("embedding-cache.bin")), new Cl100kTokenCounter()));
  }

  private static ChatCompletionCreateParams said(String text) {
    return ChatCompletionCreateParams.builder().model("m").addUserMessage(text).build();
  }

  @Test
  void should_reply_before_remembering_keep_the_users_order_and_remember_every_answered_turn_when_stopped()
      throws Exception {
    Path data = tmp.resolve("data");
    GatedEmbedder embedder = new GatedEmbedder();
    Proxied p = proxied(data, embedder);
    CompletableFuture<Void> stopped;
    try {
      p.llm.reply("Noted turn-1.").reply("Noted turn-2.").replyTokens("Noted ", "turn-3.");
      OpenAIClient client = p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "q1"));
      client.chat().completions().create(said("My first turn-1 is about the fog horn."));
      client.chat().completions().create(said("My second turn-2 is about the lamp."));
      try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
          .createStreaming(said("My third turn-3 is about the keepers."))) {
        assertThat(stream.stream().count()).isPositive();
      }
      // All three replies came while remembering the first turn was held at the gate.
      assertThat(p.metric("engram_proxy_remember_queue")).isEqualTo(3.0);
      assertThat(p.turns("ann", "q1")).isEmpty();

      stopped = CompletableFuture.runAsync(p.served::close);
      Thread.sleep(200);
      assertThat(stopped).as("the stop waits for the answered turns").isNotDone();
      embedder.open.countDown();
      stopped.get(30, TimeUnit.SECONDS);
    } finally {
      embedder.open.countDown();
      p.close();
    }
    Served again = Served.fake(data);
    try {
      List<Episode> turns = again.engine.engram().memories()
          .recentTurns(Scope.ofTenant("acme").withUser("ann").withSession("q1"), 20).reversed();
      assertThat(turns).extracting(Episode::text).containsExactly(
          "My first turn-1 is about the fog horn.", "Noted turn-1.",
          "My second turn-2 is about the lamp.", "Noted turn-2.",
          "My third turn-3 is about the keepers.", "Noted turn-3.");
    } finally {
      again.close();
    }
  }

  @Test
  void should_run_the_query_through_the_model_once_for_knowledge_and_memory_when_a_user_is_named() {
    Path data = tmp.resolve("data");
    GatedEmbedder embedder = new GatedEmbedder();
    embedder.open.countDown();
    try (Proxied p = proxied(data, embedder)) {
      p.llm.reply("Twice every thirty seconds [1].");
      p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "e1")).chat().completions()
          .create(said(OpenAiProxyIT.BOTH));
      String injected = p.llm.lastBody().get("messages").get(0).get("content").asText();
      assertThat(injected).as("knowledge and memory both searched").contains(Proxied.PASSAGE).contains("Paris");
      assertThat(embedder.queries.get(OpenAiProxyIT.BOTH)).as("model runs for the question").hasValue(1);
      eventually(() -> p.turns("ann", "e1").size() == 2, "the turn remembered");
    }
  }
}
