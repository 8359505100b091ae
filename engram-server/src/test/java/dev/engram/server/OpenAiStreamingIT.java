package dev.engram.server;

import static dev.engram.server.Proxied.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI proxy streaming, called by the official OpenAI Java SDK (and raw HTTP for the
 * bytes): the upstream's events reach the client unchanged (its first chunk with an {@code engram}
 * field of citations) and as they come, the turn is
 * remembered after {@code [DONE]}, and nothing is remembered when the client leaves or the
 * upstream stalls mid-stream.
 */
class OpenAiStreamingIT {
  @TempDir Path tmp;
  private Proxied p;

  @BeforeEach
  void start() {
    // 3 s: long enough that a loaded machine never stalls a 200 ms pause past it.
    p = new Proxied(tmp.resolve("data"), Duration.ofSeconds(3));
  }

  @AfterEach
  void stop() {
    p.close();
  }

  private static ChatCompletionCreateParams streamed(String text) {
    return OpenAiProxyIT.question(text)
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
  }

  /** The content deltas of {@code chunks}, in order. */
  private static List<String> deltas(List<ChatCompletionChunk> chunks) {
    List<String> deltas = new ArrayList<>();
    chunks.forEach(c -> c.choices().stream().findFirst()
        .flatMap(choice -> choice.delta().content()).filter(t -> !t.isEmpty()).ifPresent(deltas::add));
    return deltas;
  }

  @Test
  void should_stream_the_upstream_deltas_with_citations_in_the_first_chunk_and_remember_the_turn_after_done()
      throws Exception {
    p.llm.replyTokens("Twice ", "every thirty ", "seconds [1].").replyTokens("Twice ", "every thirty ", "seconds [1].");
    // The same request straight to the upstream: what a client without Engram receives.
    OpenAIClient direct = com.openai.client.okhttp.OpenAIOkHttpClient.builder()
        .baseUrl(p.llm.baseUrl().toString()).apiKey("x").maxRetries(0).build();
    List<ChatCompletionChunk> plain;
    try (StreamResponse<ChatCompletionChunk> stream = direct.chat().completions().createStreaming(streamed(OpenAiProxyIT.BOTH))) {
      plain = stream.stream().toList();
    }
    OpenAIClient client = p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "s1"));
    HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client.chat().completions()
        .withRawResponse().createStreaming(streamed(OpenAiProxyIT.BOTH));
    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
      chunks = stream.stream().toList();
    }
    assertThat(chunks).as("the SDK parsed every chunk").hasSameSizeAs(plain);
    assertThat(deltas(chunks)).containsExactly("Twice ", "every thirty ", "seconds [1].")
        .isEqualTo(deltas(plain));
    assertThat(chunks.getLast().usage()).as("the usage-only chunk before [DONE] passes through").isPresent();
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(chunks.get(i).choices()).as("chunk %d's choices", i).isEqualTo(plain.get(i).choices());
      assertThat(chunks.get(i)._additionalProperties().containsKey("engram")).as("chunk %d has engram", i)
          .isEqualTo(i == 0);
    }
    com.fasterxml.jackson.databind.JsonNode engram = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
            chunks.getFirst()._additionalProperties().get("engram")));
    assertThat(engram.get("citations").findValuesAsText("kind")).contains("document", "memory");
    assertThat(engram.get("citations").toString()).contains(Proxied.PASSAGE);
    assertThat(engram.get("memory").asBoolean()).isTrue();
    assertThat(engram.get("context").asText()).startsWith("injected: ");
    assertThat(raw.headers().values("X-Engram-Citations").getFirst()).contains("\"kind\":\"document\"");
    String injected = p.llm.lastBody().get("messages").get(1).get("content").asText();
    assertThat(injected).contains(Proxied.PASSAGE).contains("Paris");
    assertThat(p.llm.lastBody().get("stream").asBoolean()).isTrue();

    eventually(() -> p.turns("ann", "s1").size() == 2, "the streamed turn remembered");
    assertThat(p.turns("ann", "s1").get(1).text()).isEqualTo("Twice every thirty seconds [1].");
  }

  @Test
  void should_deliver_exactly_the_upstream_stream_bytes_but_the_engram_field_of_the_first_chunk()
      throws Exception {
    String body = "{\"model\": \"m\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"How often does the fog horn sound?\"}]}";
    p.llm.replyTokens("Twice ", "every \u00e9t\u00e9 ", "[1].").replyTokens("Twice ", "every \u00e9t\u00e9 ", "[1].");
    Http.Response direct = new Http(p.llm.baseUrl().toString()).post("/chat/completions", null, body);
    Http.Response proxied = p.served.http.post("/v1/chat/completions", p.key, body);
    assertThat(proxied.status()).isEqualTo(200);
    assertThat(proxied.contentType()).startsWith("text/event-stream");
    // The first chunk gains a top-level "engram" field before its closing brace; nothing else changes.
    String first = direct.body().substring(0, direct.body().indexOf("\n"));
    com.fasterxml.jackson.databind.JsonNode engram = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(proxied.body().substring(6, proxied.body().indexOf("\n"))).get("engram");
    assertThat(engram.get("citations").toString()).contains(Proxied.PASSAGE);
    String expected = first.substring(0, first.length() - 1) + ",\"engram\":" + engram + "}"
        + direct.body().substring(first.length());
    assertThat(proxied.body()).isEqualTo(expected).endsWith("data: [DONE]\n\n");
  }

  @Test
  void should_pass_each_event_on_as_it_arrives_when_the_upstream_is_slow() {
    p.llm.replySlowly(Duration.ofMillis(400), "one ", "two ", "three ", "four");
    OpenAIClient client = p.client(Map.of());
    long start = System.nanoTime();
    List<Long> arrivals = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed("How often does the fog horn sound?"))) {
      stream.stream().forEach(c -> c.choices().stream().findFirst().flatMap(ch -> ch.delta().content())
          .filter(t -> !t.isEmpty()).ifPresent(t -> arrivals.add((System.nanoTime() - start) / 1_000_000)));
    }
    assertThat(arrivals).hasSize(4);
    // Buffered whole, every delta would arrive at the end; relayed, the first comes 1.2 s earlier.
    assertThat(arrivals.getLast() - arrivals.getFirst()).as("ms between first and last delta").isGreaterThan(900);
  }

  @Test
  void should_remember_nothing_and_count_it_when_the_client_disconnects_mid_stream() {
    p.llm.replySlowly(Duration.ofMillis(150), "one ", "two ", "three ", "four ", "five ", "six ", "seven ",
        "eight ", "nine ", "ten ", "eleven ", "twelve");
    OpenAIClient client = p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "d1"));
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed("How often does the fog horn sound?"))) {
      Iterator<ChatCompletionChunk> it = stream.stream().iterator();
      it.next();
      it.next();
    } // closing the stream mid-way drops the connection
    eventually(() -> p.metric("engram_proxy_requests_total{outcome=\"client_gone\"}") == 1.0,
        "the disconnect counted");
    p.awaitRemembered();
    assertThat(p.turns("ann", "d1")).isEmpty();
    // The dropped stream is no longer in flight (a stop would not wait for it): only the scrape is.
    eventually(() -> p.metric("engram_http_requests_in_flight") == 1.0, "only the scrape in flight");
  }

  @Test
  void should_end_the_stream_with_an_error_and_remember_nothing_when_the_upstream_stalls() {
    p.llm.replySlowly(Duration.ofSeconds(6), "one ", "two");
    OpenAIClient client = p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "t1"));
    List<String> deltas = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed("How often does the fog horn sound?"))) {
        stream.stream().forEach(c -> c.choices().stream().findFirst().flatMap(ch -> ch.delta().content())
            .filter(t -> !t.isEmpty()).ifPresent(deltas::add));
      }
    }).hasMessageContaining("stopped sending");
    assertThat(deltas).containsExactly("one ");
    assertThat(p.metric("engram_proxy_requests_total{outcome=\"upstream_failed\"}")).isEqualTo(1.0);
    p.awaitRemembered();
    assertThat(p.turns("ann", "t1")).isEmpty();
  }

  @Test
  void should_stream_a_tool_call_intact_and_log_it_when_the_reply_only_calls_tools() {
    p.llm.replyToolCall("get_weather", "{\"city\":\"Paris\",\"unit\":\"C\"}");
    OpenAIClient client = p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "w1"));
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed("What is the weather where I live?"))) {
      stream.stream().forEach(acc::accumulate);
    }
    ChatCompletion whole = acc.chatCompletion();
    ChatCompletionMessageToolCall call = whole.choices().getFirst().message().toolCalls().orElseThrow().getFirst();
    assertThat(call.asFunction().id()).isEqualTo("call_1");
    assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
    assertThat(call.asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\",\"unit\":\"C\"}");
    eventually(() -> p.turns("ann", "w1").size() == 2, "the tool-call turn logged");
    assertThat(p.turns("ann", "w1").get(1).text()).isEqualTo("called get_weather({\"city\":\"Paris\",\"unit\":\"C\"})");
  }
}
