package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.chat.ChatModelConfig;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.models.openai.ScriptedChatServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping while a request is in flight: the slow answer (a scripted LLM on loopback that takes
 * a second) finishes with 200, requests after the stop began get 503, and once stopped the data
 * directory opens again with the answered turn in it.
 */
class GracefulStopIT {
  @TempDir Path tmp;

  @Test
  void should_finish_requests_in_flight_refuse_new_ones_and_close_the_index() throws Exception {
    Path data = tmp.resolve("data");
    String key;
    try (ScriptedChatServer llm = ScriptedChatServer.start()) {
      llm.replyAfter(Duration.ofMillis(1500), "The horn sounds twice [1].");
      Served served = Served.withModel(data, new OpenAiChatModel(
          ChatModelConfig.of(llm.baseUrl().toString(), "test-model")));
      key = served.keyFor("acme");
      served.http.post("/v1/documents", key, Map.of("text", "The horn sounds twice every thirty seconds.", "title", "Fog"));
      CompletableFuture<Http.Response> slow = CompletableFuture.supplyAsync(() -> served.http.post(
          "/v1/answer", key, Map.of("user_id", "ann", "question", "How often does the horn sound?")));
      while (llm.requests().isEmpty()) {
        Thread.sleep(10);
      }
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(served::close);
      Thread.sleep(200);
      Http.Response refused = served.http.get("/v1/documents", key);
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.code()).isEqualTo("ENGRAM-930");
      assertThat(served.http.get("/ready", null).status()).isEqualTo(503);

      Http.Response answered = slow.get();
      assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
      assertThat(answered.json().get("text").asText()).isEqualTo("The horn sounds twice [1].");
      assertThat(answered.json().get("remembered_ids")).hasSize(2);
      stopping.get();
    }
    // The listener is gone and the index was closed: a new server opens the same directory.
    Served again = Served.fake(data);
    try {
      Http.Response turns = again.http.post("/v1/memories/search", again.keyFor("acme"),
          Map.of("user_id", "ann", "query", "How often does the horn sound?"));
      assertThat(turns.body()).contains("The horn sounds twice");
    } finally {
      again.close();
    }
  }
}
