package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the web console reads that the API did not have: the tenant overview, who a key is, a
 * document's extracted text under its chunks' spans, the messages a memory came from, and the
 * context's cuts; each scoped to the key's tenant. And the console's files at {@code /}, served
 * without a key and beside the API.
 */
class ConsoleApiIT {
  @TempDir static Path tmp;
  static Served served;
  static String acme;
  static String globex;

  @BeforeAll
  static void start() {
    served = Served.fake(tmp.resolve("data"));
    acme = served.keyFor("acme");
    globex = served.keyFor("globex");
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  @Test
  void should_count_only_the_keys_tenant_in_the_overview() {
    served.http.post("/v1/documents", acme, Map.of("text", "The ferry leaves at nine.", "title", "Ferry", "kb", "travel"));
    served.http.post("/v1/memories", acme, Map.of("user_id", "zoe", "messages",
        List.of(Map.of("role", "user", "content", "I live in Oslo."))));

    JsonNode o = served.http.get("/v1/overview", acme).json();
    assertThat(o.get("tenant").asText()).isEqualTo("acme");
    assertThat(o.at("/counts/documents").asInt()).isPositive();
    assertThat(o.at("/counts/chunks").asInt()).isGreaterThanOrEqualTo(o.at("/counts/documents").asInt());
    assertThat(o.at("/counts/live_memories").asInt()).isPositive();
    assertThat(o.at("/counts/messages").asInt()).isPositive();
    assertThat(o.get("knowledge_bases").findValuesAsText("name")).contains("travel");
    assertThat(o.get("users").findValuesAsText("name")).contains("zoe");
    assertThat(o.at("/server/backend").asText()).isEqualTo("lucene");
    assertThat(o.at("/server/embedding_dimension").asInt()).isEqualTo(384);
    assertThat(o.at("/server/generation").asText()).isEqualTo("extractive");
    assertThat(o.at("/server/data_directory_bytes").asLong()).isPositive();
    assertThat(o.get("recent").findValuesAsText("label")).contains("Ferry");

    JsonNode other = served.http.get("/v1/overview", globex).json();
    assertThat(other.at("/counts/documents").asInt()).isZero();
    assertThat(other.at("/counts/memories").asInt()).isZero();
    assertThat(other.at("/counts/messages").asInt()).isZero();
    assertThat(other.get("users")).isEmpty();
    assertThat(other.get("recent")).isEmpty();
    assertThat(served.http.get("/v1/overview", Served.ADMIN_KEY).code()).isEqualTo("ENGRAM-913");
  }

  @Test
  void should_tell_an_admin_key_from_a_tenant_key() {
    JsonNode admin = served.http.get("/v1/whoami", Served.ADMIN_KEY).json();
    assertThat(admin.get("admin").asBoolean()).isTrue();
    assertThat(admin.has("tenant")).isFalse();
    JsonNode tenant = served.http.get("/v1/whoami", acme).json();
    assertThat(tenant.get("admin").asBoolean()).isFalse();
    assertThat(tenant.get("tenant").asText()).isEqualTo("acme");
    Http.Response bad = served.http.get("/v1/whoami", "wrong-key");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.code()).isEqualTo("ENGRAM-911");
    assertThat(served.http.get("/v1/whoami", null).code()).isEqualTo("ENGRAM-910");
  }

  @Test
  void should_return_the_extracted_text_under_every_chunks_span() {
    String text = IntStream.range(0, 120).mapToObj(i -> "Paragraph " + i + " tells how lighthouse "
        + i + " keeps its lamp lit through the winter storms.").collect(Collectors.joining("\n\n"));
    String id = served.http.post("/v1/documents", acme, Map.of("text", text, "title", "Lighthouses"))
        .json().at("/documents/0/id").asText();
    JsonNode d = served.http.get("/v1/documents/" + id, acme).json();
    assertThat(d.get("chunks").size()).as("a document of several chunks").isGreaterThan(1);
    String rebuilt = d.get("text").asText();
    assertThat(rebuilt).isEqualTo(text.substring(0, rebuilt.length()));
    for (JsonNode c : d.get("chunks")) {
      assertThat(rebuilt.substring(c.get("start").asInt(), c.get("end").asInt())).isEqualTo(c.get("text").asText());
    }
  }

  @Test
  void should_give_the_messages_a_memory_came_from_to_its_tenant_only() {
    served.http.post("/v1/memories", acme, Map.of("user_id", "liv", "session_id", "s1", "messages",
        List.of(Map.of("role", "user", "content", "My favourite colour is green.", "created_at", "2024-01-05T09:00:00Z"))));
    JsonNode m = served.http.get("/v1/memories?user_id=liv", acme).json().at("/results/0");
    Http.Response r = served.http.get("/v1/memories/" + m.get("id").asText() + "/messages", acme);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode msg = r.json().at("/results/0");
    assertThat(msg.get("content").asText()).isEqualTo("My favourite colour is green.");
    assertThat(msg.get("session_id").asText()).isEqualTo("s1");
    assertThat(msg.get("created_at").asText()).isEqualTo("2024-01-05T09:00:00Z");
    assertThat(m.get("provenance").get(0).asText()).isEqualTo(msg.get("id").asText());

    Http.Response other = served.http.get("/v1/memories/" + m.get("id").asText() + "/messages", globex);
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.code()).isEqualTo("ENGRAM-306");
  }

  @Test
  void should_say_what_the_context_cut_and_why() {
    for (int i = 0; i < 6; i++) {
      served.http.post("/v1/documents", acme, Map.of("text",
          "Tide table " + i + ": the harbour gate opens two hours before high water and closes at low water, "
              + "so boats plan their crossing around gate " + i + ".", "title", "Tides " + i));
    }
    JsonNode c = served.http.post("/v1/context", acme, Map.of("user_id", "ann", "question",
        "when does the harbour gate open?", "budget_tokens", 60)).json();
    assertThat(c.get("cut")).isNotEmpty();
    assertThat(c.get("cut").findValuesAsText("reason")).anyMatch(r -> r.contains("over the token budget"));
    assertThat(c.get("tokens_used").asInt()).isLessThanOrEqualTo(60);

    JsonNode a = served.http.post("/v1/answer", acme, Map.of("user_id", "ann", "question",
        "when does the harbour gate open?", "budget_tokens", 60)).json();
    assertThat(a.get("cut").findValuesAsText("reason")).anyMatch(r -> r.contains("over the token budget"));
    assertThat(a.get("sections").findValues("tokens").stream().mapToInt(JsonNode::asInt).sum())
        .isEqualTo(a.at("/tokens/context").asInt());
    assertThat(a.get("budget_tokens").asInt()).isEqualTo(60);
  }

  @Test
  void should_serve_the_console_without_a_key_beside_the_api() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(served.server.url() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.body()).contains("/console/app.js");
    for (String file : List.of("app.js", "api.js", "ui.js", "overview.js", "documents.js", "search.js",
        "memory.js", "ask.js", "keys.js", "style.css")) {
      Http.Response r = served.http.get("/console/" + file, null);
      assertThat(r.status()).as(file).isEqualTo(200);
      assertThat(r.body()).as(file).isNotBlank();
    }
    Http.Response missing = served.http.get("/console/secret.txt", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("ENGRAM-980");
    assertThat(served.http.get("/console/..%2Fopenapi.json", null).status()).isEqualTo(404);
    // The API and the operations routes are untouched.
    assertThat(served.http.get("/v1/documents", null).code()).isEqualTo("ENGRAM-910");
    assertThat(served.http.get("/health", null).status()).isEqualTo(200);
    assertThat(served.http.get("/docs", null).status()).isEqualTo(200);
    assertThat(served.http.get("/nothing-here", null).code()).isEqualTo("ENGRAM-915");
  }
}
