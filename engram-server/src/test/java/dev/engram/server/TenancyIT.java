package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants, acme and globex, with the same user ids and knowledge base names: globex's key
 * tries every endpoint with acme's ids, filters and users and gets nothing (404 exactly as for an
 * unknown id, or empty results), and acme's data is unchanged afterwards.
 */
class TenancyIT {
  @TempDir static Path tmp;
  static Served served;
  static Http http;
  static String acme;
  static String globex;
  static String docId;
  static String memoryId;

  @BeforeAll
  static void start() {
    served = Served.fake(tmp.resolve("data"));
    http = served.http;
    acme = served.keyFor("acme");
    globex = served.keyFor("globex");
    docId = http.post("/v1/documents", acme, Map.of("text", "Acme's secret launch date is the ninth of May.",
        "title", "Launch plan", "source", "plans/launch.txt", "kb", "plans", "metadata", Map.of("tag", "secret")))
        .json().get("documents").get(0).get("id").asText();
    memoryId = http.post("/v1/memories", acme, Map.of("user_id", "ann", "session_id", "s1",
        "messages", List.of(Map.of("content", "I live in Paris and my badge code is 4411."))))
        .json().get("results").get(0).get("id").asText();
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  @Test
  void should_not_find_another_tenants_document_by_id() {
    Http.Response unknown = http.get("/v1/documents/0000000000000000?kb=plans", globex);
    for (Http.Response r : List.of(http.get("/v1/documents/" + docId + "?kb=plans", globex),
        http.delete("/v1/documents/" + docId + "?kb=plans", globex))) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.code()).isEqualTo(unknown.code()).isEqualTo("ENGRAM-404");
      assertThat(r.body()).doesNotContain("Launch plan").doesNotContain("acme");
    }
    assertThat(http.get("/v1/documents/" + docId + "?kb=plans", acme).status()).isEqualTo(200);
  }

  @Test
  void should_list_and_search_nothing_of_another_tenant_whatever_the_filters() {
    assertThat(http.get("/v1/documents?kb=plans", globex).json().get("total").asInt()).isZero();
    for (Map<String, Object> body : List.<Map<String, Object>>of(
        Map.of("query", "secret launch date", "kb", "plans"),
        Map.of("query", "secret launch date", "kb", List.of("plans", "default"), "mode", "bm25"),
        Map.of("query", "secret launch date", "kb", "plans", "filters", Map.of("tenant", "acme")),
        Map.of("query", "secret launch date", "kb", "plans", "filters", Map.of("tag", "secret")),
        Map.of("query", "secret launch date", "kb", "plans", "mode", "dense"))) {
      Http.Response r = http.post("/v1/search", globex, body);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().get("results")).as(body.toString()).isEmpty();
    }
    assertThat(http.post("/v1/search", acme, Map.of("query", "secret launch date", "kb", "plans"))
        .json().get("results")).isNotEmpty();
  }

  @Test
  void should_not_read_edit_forget_or_trace_another_tenants_memory() {
    Http.Response unknown = http.get("/v1/memories/mem-00000000-0000-0000-0000-000000000000", globex);
    for (Http.Response r : List.of(http.get("/v1/memories/" + memoryId, globex),
        http.put("/v1/memories/" + memoryId, globex, Map.of("text", "overwritten")),
        http.delete("/v1/memories/" + memoryId, globex),
        http.get("/v1/memories/" + memoryId + "/history", globex))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.code()).isEqualTo(unknown.code()).isEqualTo("ENGRAM-306");
      assertThat(r.body()).doesNotContain("Paris");
    }
    JsonNode mine = http.get("/v1/memories/" + memoryId, acme).json();
    assertThat(mine.get("memory").asText()).contains("Paris");
    assertThat(mine.get("version").asInt()).isEqualTo(1);
  }

  @Test
  void should_recall_list_and_blend_nothing_of_a_user_with_the_same_id_in_another_tenant() {
    assertThat(http.post("/v1/memories/search", globex, Map.of("user_id", "ann", "query", "where does ann live"))
        .json().get("results")).isEmpty();
    assertThat(http.post("/v1/memories/search", globex, Map.of("user_id", "ann", "session_id", "s1",
        "query", "badge code", "include_history", true)).json().get("results")).isEmpty();
    assertThat(http.get("/v1/memories?user_id=ann&include_history=true", globex).json().get("total").asInt()).isZero();
    for (String path : List.of("/v1/context", "/v1/answer")) {
      Http.Response r = http.post(path, globex, Map.of("user_id", "ann", "session_id", "s1",
          "question", "What is my badge code and the launch date?", "kb", List.of("plans")));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.body()).doesNotContain("4411").doesNotContain("ninth of May").doesNotContain(memoryId);
    }
  }

  @Test
  void should_erase_nothing_of_another_tenant() {
    JsonNode erased = http.delete("/v1/users/ann", globex).json();
    assertThat(erased.get("erased").get("memories").asInt()).isZero();
    assertThat(http.get("/v1/memories/" + memoryId, acme).status()).isEqualTo(200);
    assertThat(http.post("/v1/memories/search", acme, Map.of("user_id", "ann", "query", "badge code"))
        .json().get("results")).isNotEmpty();
  }

  @Test
  void should_refuse_tenant_keys_on_admin_routes_and_the_admin_key_on_tenant_routes() {
    for (Http.Response r : List.of(http.get("/v1/admin/keys", acme),
        http.post("/v1/admin/keys", acme, Map.of("tenant", "globex")),
        http.delete("/v1/admin/keys/whatever", acme))) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.code()).isEqualTo("ENGRAM-912");
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    Http.Response admin = http.get("/v1/documents", Served.ADMIN_KEY);
    assertThat(admin.status()).isEqualTo(403);
    assertThat(admin.code()).isEqualTo("ENGRAM-913");
  }

  @Test
  void should_refuse_missing_wrong_and_revoked_keys() {
    assertThat(http.get("/v1/documents", null).code()).isEqualTo("ENGRAM-910");
    assertThat(http.get("/v1/documents", "ek_not-a-key").code()).isEqualTo("ENGRAM-911");
    assertThat(http.get("/v1/documents", acme + "x").status()).isEqualTo(401);
    String temp = served.keyFor("initech");
    assertThat(http.get("/v1/documents", temp).status()).isEqualTo(200);
    JsonNode listed = http.get("/v1/admin/keys", Served.ADMIN_KEY).json().get("results");
    assertThat(listed.toString()).doesNotContain(temp).doesNotContain(acme);
    String id = null;
    for (JsonNode k : listed) {
      if (k.get("tenant").asText().equals("initech")) {
        id = k.get("id").asText();
      }
    }
    assertThat(http.delete("/v1/admin/keys/" + id, Served.ADMIN_KEY).status()).isEqualTo(200);
    Http.Response revoked = http.get("/v1/documents", temp);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.code()).isEqualTo("ENGRAM-911");
    assertThat(http.delete("/v1/admin/keys/" + id, Served.ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void should_not_let_a_body_name_another_tenant() {
    Http.Response r = http.post("/v1/search", globex, Map.of("query", "launch", "tenant", "acme"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).isEqualTo("tenant");
    Http.Response doc = http.post("/v1/documents", globex, Map.of("text", "x", "tenant", "acme"));
    assertThat(doc.status()).isEqualTo(400);
    assertThat(http.get("/v1/documents?kb=default", acme).json().get("total").asInt()).isZero();
  }
}
