package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import dev.engram.Settings;
import dev.engram.common.VectorSpace;
import dev.engram.context.Cl100k;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.Embedder;
import dev.engram.embed.FakeEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's context budget and its failure mode: the injected context shrinks to what the
 * model's window leaves after the conversation and max_tokens, in whole entries; a server that
 * pins its model sends it whatever the client asks; and when Engram fails the call goes on
 * without context, counted.
 */
class OpenAiBudgetIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WINDOW = 1_200;
  @TempDir Path tmp;

  /** Tokens of what the upstream received that count against the window: messages and tools. */
  private static int promptTokens(JsonNode body) {
    Cl100k cl100k = new Cl100k();
    return cl100k.count(body.get("messages").toString()) + cl100k.count(body.path("tools").toString());
  }

  @Test
  void should_shrink_the_context_to_the_window_in_whole_entries_and_pin_the_model() throws Exception {
    try (Proxied p = new Proxied(tmp.resolve("data"), Duration.ofSeconds(5), true, WINDOW)) {
      List<String> notes = List.of(
          "The north pier fog horn sounds twice every thirty seconds whenever visibility drops below one mile.",
          "Harbour rules: skippers must slow to four knots when the fog horn is sounding near the breakwater.",
          "The lighthouse keeper tests the horn compressor each Monday morning before the ferries leave.",
          "In 1998 the old diaphone horn was replaced by an electric emitter that carries seven miles.",
          "Residents of Quay Street asked the council to lower the horn volume at night during summer.",
          "A second horn on the south jetty answers the north one with a single long blast.");
      for (int i = 0; i < notes.size(); i++) {
        p.served.http.post("/v1/documents", p.key, Map.of("title", "Horn note " + (i + 1), "text", notes.get(i)));
      }
      p.llm.otherwise("Twice.");
      // No user: nothing is remembered between the calls, so each sees the same material.
      OpenAIClient client = p.client(Map.of());
      int[] citations = new int[3];
      long[] limits = {50, 960, 1_100};
      for (int i = 0; i < limits.length; i++) {
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse()
            .create(OpenAiProxyIT.question(OpenAiProxyIT.BOTH).maxCompletionTokens(limits[i]).build());
        ChatCompletion completion = raw.parse();
        JsonNode received = p.llm.lastBody();
        assertThat(received.get("model").asText()).as("pinned").isEqualTo(Proxied.UPSTREAM_MODEL);
        assertThat(received.get("max_completion_tokens").asLong()).isEqualTo(limits[i]);
        String state = raw.headers().values("X-Engram-Context").getFirst();
        if (state.startsWith("skipped")) {
          assertThat(state).contains("no room left in the model window");
          assertThat(received.get("messages")).hasSize(2);
          continue;
        }
        assertThat(promptTokens(received) + limits[i]).as("prompt and reply within the window")
            .isLessThanOrEqualTo(WINDOW);
        String injected = received.get("messages").get(1).get("content").asText();
        JsonNode cited = JSON.readTree(JSON.writeValueAsString(completion._additionalProperties().get("engram"))).get("citations");
        citations[i] = cited.size();
        for (JsonNode c : cited) {
          assertThat(injected).as("citation [%s] whole", c.get("number"))
              .contains("[" + c.get("number").asInt() + "] ").contains(c.get("text").asText().replaceAll("\\s+", " ").strip());
        }
      }
      assertThat(citations[0]).as("more room, more entries").isGreaterThan(citations[1]);
      assertThat(citations[1]).isPositive();
      assertThat(citations[2]).as("no room: nothing injected").isZero();
    }
  }

  /** The fake embedder, whose query embedding fails while {@code failing} is set. */
  record FailingQueries(FakeEmbedder inner, AtomicBoolean failing) implements Embedder {
    @Override public VectorSpace space() { return inner.space(); }
    @Override public List<float[]> embedDocuments(List<String> texts) { return inner.embedDocuments(texts); }
    @Override public float[] embedQuery(String query) {
      if (failing.get()) {
        throw new dev.engram.common.ModelException("ENGRAM-703", "the embedding model failed (test)");
      }
      return inner.embedQuery(query);
    }
  }

  @Test
  void should_send_the_call_on_without_context_and_count_it_when_engram_fails() {
    AtomicBoolean failing = new AtomicBoolean();
    Path data = tmp.resolve("failing");
    try (Proxied p = new Proxied(data, Duration.ofSeconds(5), false, 8_192, model -> ServerEngine.open(data,
        Optional.empty(), Optional.empty(), model, Settings.defaults().withLlmMemory(false),
        new FailingQueries(new FakeEmbedder(384), failing), new Cl100kTokenCounter()))) {
      failing.set(true);
      p.llm.reply("Twice, I believe.");
      HttpResponseFor<ChatCompletion> raw = p.client(Map.of("X-Engram-User", "ann")).chat().completions()
          .withRawResponse().create(OpenAiProxyIT.question("How often does the fog horn sound?").build());
      assertThat(raw.parse().choices().getFirst().message().content()).contains("Twice, I believe.");
      assertThat(raw.headers().values("X-Engram-Context").getFirst()).startsWith("skipped: engram failed");
      assertThat(p.llm.lastBody().get("messages").findValuesAsText("role")).containsExactly("system", "user");
      assertThat(p.metric("engram_proxy_augment_failures_total")).isEqualTo(1.0);
    }
  }
}
