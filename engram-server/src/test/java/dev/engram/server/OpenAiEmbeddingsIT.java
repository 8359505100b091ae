package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/embeddings} with the real in-jar model, called by the official OpenAI Java SDK and
 * raw HTTP: the vectors are the engine's own passage vectors, in order, in both encodings; bad
 * input is a problem naming the field. Without an upstream LLM the chat routes answer 503.
 */
class OpenAiEmbeddingsIT {
  private static final List<String> TEXTS = List.of("How do I reset the hub?",
      "Hold the reset button for ten seconds until the ring blinks white.");
  @TempDir static Path tmp;
  static Served served;
  static String key;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    served = Served.real(tmp.resolve("data"));
    key = served.keyFor("acme");
    client = OpenAIOkHttpClient.builder().baseUrl(served.server.url() + "/v1").apiKey(key).maxRetries(0).build();
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  private static void assertSameVector(List<Float> actual, float[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual.get(i)).as("component %d", i).isEqualTo(expected[i]);
    }
  }

  @Test
  void should_embed_a_list_of_texts_as_the_engine_does_when_called_by_the_sdk() {
    CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("text-embedding-3-small").inputOfArrayOfStrings(TEXTS).build());
    List<float[]> expected = served.engine.embedder().embedDocuments(TEXTS);
    assertThat(r.data()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(r.data().get(i).index()).isEqualTo(i);
      assertSameVector(r.data().get(i).embedding(), expected.get(i));
    }
    assertThat(r.model()).isEqualTo(served.engine.embedder().space().model());
    int tokens = TEXTS.stream().mapToInt(served.engine.tokens()::count).sum();
    assertThat(r.usage().promptTokens()).isEqualTo(tokens);
    assertThat(r.usage().totalTokens()).isEqualTo(tokens);

    CreateEmbeddingResponse one = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("any").input(TEXTS.get(1)).build());
    assertSameVector(one.data().getFirst().embedding(), expected.get(1));
  }

  @Test
  void should_send_little_endian_float32_base64_when_asked() {
    Http.Response r = served.http.post("/v1/embeddings", key, Map.of("input", TEXTS.get(0), "encoding_format", "base64"));
    assertThat(r.status()).isEqualTo(200);
    byte[] bytes = Base64.getDecoder().decode(r.json().get("data").get(0).get("embedding").asText());
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] expected = served.engine.embedder().embedDocuments(List.of(TEXTS.get(0))).getFirst();
    assertThat(bytes).hasSize(expected.length * 4);
    for (float v : expected) {
      assertThat(b.getFloat()).isEqualTo(v);
    }
  }

  @Test
  void should_read_token_ids_as_cl100k_text_when_sent_as_langchain_does() {
    var cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    List<Integer> ids = cl100k.encodeOrdinary(TEXTS.get(1)).boxed();
    Http.Response r = served.http.post("/v1/embeddings", key, Map.of("input", List.of(ids), "model", "text-embedding-ada-002"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    float[] expected = served.engine.embedder().embedDocuments(List.of(TEXTS.get(1))).getFirst();
    JsonNode vector = r.json().get("data").get(0).get("embedding");
    for (int i = 0; i < expected.length; i++) {
      assertThat((float) vector.get(i).asDouble()).isEqualTo(expected[i]);
    }
  }

  @Test
  void should_refuse_bad_input_with_a_problem_naming_the_field() {
    record Case(Object body, String field) {}
    for (Case c : List.of(
        new Case(Map.of("model", "m"), "input"),
        new Case(Map.of("input", ""), "input"),
        new Case(Map.of("input", 42), "input"),
        new Case(Map.of("input", List.of()), "input"),
        new Case(Map.of("input", List.of("ok", 7)), "input[1]"),
        new Case(Map.of("input", List.of("ok", "  ")), "input[1]"),
        new Case(Map.of("input", "ok", "dimensions", 1536), "dimensions"),
        new Case(Map.of("input", "ok", "encoding_format", "int8"), "encoding_format"))) {
      Http.Response r = served.http.post("/v1/embeddings", key, c.body());
      assertThat(r.status()).as(c.toString()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.code()).as(c.toString()).isEqualTo("ENGRAM-964");
      assertThat(r.json().get("field").asText()).as(c.toString()).isEqualTo(c.field());
    }
    assertThat(served.http.post("/v1/embeddings", key, "[1,").code()).isEqualTo("ENGRAM-900");
  }

  @Test
  void should_answer_503_on_the_chat_routes_when_no_upstream_is_configured() {
    Http.Response chat = served.http.post("/v1/chat/completions", key,
        Map.of("model", "m", "messages", List.of(Map.of("role", "user", "content", "hi"))));
    assertThat(chat.status()).isEqualTo(503);
    assertThat(chat.code()).isEqualTo("ENGRAM-961");
    assertThat(chat.json().get("detail").asText()).contains("ENGRAM_LLM_BASE_URL");
    assertThat(served.http.get("/v1/models", key).code()).isEqualTo("ENGRAM-961");
  }
}
