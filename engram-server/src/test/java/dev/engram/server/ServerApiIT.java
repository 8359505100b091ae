package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The happy path of every route group, end to end: a real server on a loopback port, a real
 * Lucene data directory and the in-jar embedder, so that search and recall rank for real.
 */
class ServerApiIT {
  @TempDir static Path tmp;
  static Served served;
  static Http http;
  static String key;

  @BeforeAll
  static void start() {
    served = Served.real(tmp.resolve("data"));
    http = served.http;
    key = served.keyFor("acme");
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  @Test
  void should_add_list_read_search_and_delete_documents() {
    Http.Response added = http.post("/v1/documents", key, Map.of(
        "text", "The Orbit Hub warranty lasts two years. In the European Union the warranty period is three years.",
        "title", "Warranty", "source", "policies/warranty.txt", "kb", "policies",
        "metadata", Map.of("tag", "policy", "year", 2024)));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    JsonNode doc = added.json().get("documents").get(0);
    assertThat(doc.get("status").asText()).isEqualTo("added");
    assertThat(doc.get("chunks").asInt()).isEqualTo(1);
    String id = doc.get("id").asText();

    byte[] md = ("# Orbit Hub Guide\n\n## Factory reset\n\nHold the reset button for ten seconds until the"
        + " ring blinks white.\n\n## Pairing\n\nOpen the app and press Add device.\n").getBytes(StandardCharsets.UTF_8);
    Http.Response uploaded = http.upload(key, "guide.md", md, Map.of("kb", "policies"));
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    JsonNode guide = uploaded.json().get("documents").get(0);
    assertThat(guide.get("title").asText()).isEqualTo("Orbit Hub Guide");
    assertThat(guide.get("source").asText()).isEqualTo("guide.md");

    Http.Response again = http.post("/v1/documents", key, Map.of("text",
        "The Orbit Hub warranty lasts two years. In the European Union the warranty period is three years.",
        "title", "Warranty", "source", "policies/warranty.txt", "kb", "policies",
        "metadata", Map.of("tag", "policy", "year", 2024)));
    assertThat(again.json().get("documents").get(0).get("status").asText()).isEqualTo("unchanged");
    assertThat(again.json().get("documents").get(0).get("id").asText()).isEqualTo(id);

    JsonNode page = http.get("/v1/documents?kb=policies&page_size=1", key).json();
    assertThat(page.get("total").asInt()).isEqualTo(2);
    assertThat(page.get("results")).hasSize(1);
    JsonNode second = http.get("/v1/documents?kb=policies&page_size=1&page=2", key).json();
    assertThat(second.get("results").get(0).get("id").asText())
        .isNotEqualTo(page.get("results").get(0).get("id").asText());

    JsonNode one = http.get("/v1/documents/" + guide.get("id").asText() + "?kb=policies", key).json();
    assertThat(one.get("chunks")).isNotEmpty();
    JsonNode reset = one.get("chunks").get(0);
    assertThat(reset.get("section").toString()).contains("Orbit Hub Guide");
    assertThat(reset.get("end").asInt()).isGreaterThan(reset.get("start").asInt());

    Http.Response hits = http.post("/v1/search", key, Map.of("query", "how long is the warranty in the EU",
        "top_k", 2, "kb", "policies"));
    assertThat(hits.status()).as(hits.toString()).isEqualTo(200);
    JsonNode top = hits.json().get("results").get(0);
    assertThat(top.get("document_id").asText()).isEqualTo(id);
    assertThat(top.get("text").asText()).contains("three years");
    assertThat(top.get("scores").get("fused").asDouble()).isPositive();
    assertThat(top.get("scores").has("bm25_rank")).isTrue();

    JsonNode filtered = http.post("/v1/search", key, Map.of("query", "reset button", "kb", List.of("policies"),
        "mode", "bm25", "filters", Map.of("tag", "policy"))).json();
    assertThat(filtered.get("results")).allSatisfy(h -> assertThat(h.get("document_id").asText()).isEqualTo(id));

    assertThat(http.delete("/v1/documents/" + id + "?kb=policies", key).status()).isEqualTo(200);
    assertThat(http.get("/v1/documents/" + id + "?kb=policies", key).status()).isEqualTo(404);
    assertThat(http.get("/v1/documents?kb=policies", key).json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void should_remember_recall_list_edit_and_forget_memories() {
    Http.Response first = http.post("/v1/memories", key, Map.of("user_id", "ann", "session_id", "s1",
        "messages", List.of(Map.of("role", "user", "content", "I live in Paris and I love hiking.",
            "created_at", "2024-03-01T10:00:00Z"))));
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().get("episode_ids")).hasSize(1);
    Http.Response moved = http.post("/v1/memories", key, Map.of("user_id", "ann", "session_id", "s2",
        "messages", List.of(Map.of("content", "I moved to Berlin last week.", "created_at", "2024-06-01T10:00:00Z"))));
    JsonNode event = moved.json().get("results").get(0);
    assertThat(event.get("event").asText()).isEqualTo("SUPERSEDE");
    String berlin = event.get("id").asText();
    String paris = event.get("previous_id").asText();

    JsonNode recalled = http.post("/v1/memories/search", key, Map.of("user_id", "ann",
        "query", "where does Ann live", "top_k", 3)).json().get("results");
    assertThat(recalled.get(0).get("memory").asText()).contains("Berlin");
    assertThat(recalled.get(0).get("provenance")).isNotEmpty();
    JsonNode then = http.post("/v1/memories/search", key, Map.of("user_id", "ann",
        "query", "where does Ann live", "as_of", "2024-04-01T00:00:00Z")).json().get("results");
    assertThat(then.get(0).get("memory").asText()).contains("Paris");

    JsonNode live = http.get("/v1/memories?user_id=ann", key).json();
    JsonNode all = http.get("/v1/memories?user_id=ann&include_history=true", key).json();
    assertThat(all.get("total").asInt()).isEqualTo(live.get("total").asInt() + 1);

    assertThat(http.get("/v1/memories/" + berlin, key).json().get("memory").asText()).contains("Berlin");
    Http.Response edited = http.put("/v1/memories/" + berlin, key, Map.of("text", "Ann lives in Berlin-Mitte."));
    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    assertThat(edited.json().get("version").asInt()).isEqualTo(2);
    JsonNode history = http.get("/v1/memories/" + berlin + "/history", key).json().get("results");
    assertThat(history).extracting(h -> h.get("event").asText()).containsExactly("ADD", "EDIT");
    assertThat(http.put("/v1/memories/" + paris, key, Map.of("text", "x")).status()).isEqualTo(409);

    assertThat(http.delete("/v1/memories/" + berlin, key).status()).isEqualTo(200);
    assertThat(http.get("/v1/memories/" + berlin, key).status()).isEqualTo(404);

    Http.Response logged = http.post("/v1/memories", key, Map.of("user_id", "bob", "infer", false,
        "messages", List.of(Map.of("content", "I love sailing."))));
    assertThat(logged.json().get("results")).isEmpty();
    assertThat(logged.json().get("episode_ids")).hasSize(1);
    assertThat(http.get("/v1/memories?user_id=bob", key).json().get("total").asInt()).isZero();

    JsonNode erased = http.delete("/v1/users/ann", key).json();
    assertThat(erased.get("erased").get("memories").asInt()).isPositive();
    assertThat(http.get("/v1/memories?user_id=ann&include_history=true", key).json().get("total").asInt()).isZero();
  }

  @Test
  void should_blend_context_and_answer_and_stream_the_answer() {
    http.post("/v1/documents", key, Map.of("text", "The lighthouse fog horn sounds twice every thirty seconds.",
        "title", "Fog signals", "source", "fog.txt"));
    http.post("/v1/memories", key, Map.of("user_id", "cara", "messages",
        List.of(Map.of("content", "I am the keeper of the north lighthouse."))));

    Http.Response context = http.post("/v1/context", key, Map.of("user_id", "cara",
        "question", "How often does the fog horn sound?", "budget_tokens", 500));
    assertThat(context.status()).as(context.toString()).isEqualTo(200);
    assertThat(context.json().get("budget_tokens").asInt()).isEqualTo(500);
    assertThat(context.json().get("text").asText()).contains("twice every thirty seconds");
    assertThat(context.json().get("citations").get(0).get("kind").asText()).isEqualTo("document");

    Http.Response answer = http.post("/v1/answer", key, Map.of("user_id", "cara",
        "question", "How often does the fog horn sound?"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().get("generated").asBoolean()).isFalse();
    assertThat(answer.json().get("text").asText()).contains("thirty seconds");
    assertThat(answer.json().get("remembered_ids")).hasSize(2);

    Http.Response stream = http.post("/v1/answer", key, Map.of("user_id", "cara",
        "question", "How often does the fog horn sound?", "stream", true));
    assertThat(stream.contentType()).startsWith("text/event-stream");
    assertThat(stream.body()).startsWith("event: delta\ndata: {\"text\":").contains("\n\nevent: answer\ndata: {");
    assertThat(stream.body().substring(stream.body().indexOf("event: answer"))).contains("\"citations\":[{");
  }

  @Test
  void should_report_health_readiness_and_metrics_and_log_each_request_without_secrets() {
    assertThat(http.get("/health", null).json().get("status").asText()).isEqualTo("ok");
    assertThat(http.get("/ready", null).json().get("status").asText()).isEqualTo("ready");
    http.post("/v1/documents", key, Map.of("text", "Metrics count this document.", "source", "metrics.txt"));
    http.post("/v1/search", key, Map.of("query", "secret words nobody logs"));
    Http.Response metrics = http.get("/metrics", null);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body()).contains("engram_http_requests_seconds_count{method=\"POST\",route=\"/v1/search\",status=\"200\"}")
        .contains("engram_http_requests_seconds_bucket{")
        .containsPattern("engram_index_records\\{collection=\"documents\"} [1-9]")
        .containsPattern("engram_embedding_texts_computed_total [1-9]")
        .contains("engram_http_requests_in_flight");
    assertThat(http.get("/docs", null).body()).contains("/openapi.json");
    assertThat(served.accessLog).anyMatch(l -> l.matches("POST /v1/search 200 [0-9.]+ms tenant=acme"));
    assertThat(served.accessLog).anyMatch(l -> l.startsWith("POST /v1/admin/keys 201 ") && l.endsWith("tenant=(admin)"));
    assertThat(String.join("\n", served.accessLog)).doesNotContain(key).doesNotContain(Served.ADMIN_KEY)
        .doesNotContain("secret words").doesNotContain("Paris");
  }
}
