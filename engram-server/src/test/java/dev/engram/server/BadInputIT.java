package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad requests over HTTP: each gets the right status and an RFC 9457 problem with its ENGRAM
 * code (and the field, where one is at fault), and leaves the stored documents and memories as
 * they were. Limits are set low (64 KB JSON, 256 KB uploads) so huge bodies stay quick.
 */
class BadInputIT {
  static final long JSON_LIMIT = 64 * 1024;
  static final long UPLOAD_LIMIT = 256 * 1024;
  @TempDir static Path tmp;
  static Served served;
  static Http http;
  static String key;
  static String docId;
  static String memoryId;
  static String before;

  @BeforeAll
  static void start() {
    Path data = tmp.resolve("data");
    served = Served.fake(data, Served.config(data).withLimits(JSON_LIMIT, UPLOAD_LIMIT)
        .withIdleTimeout(java.time.Duration.ofSeconds(2)));
    http = served.http;
    key = served.keyFor("acme");
    docId = http.post("/v1/documents", key, Map.of("text", "The hub resets after ten seconds.", "title", "Reset"))
        .json().get("documents").get(0).get("id").asText();
    memoryId = http.post("/v1/memories", key, Map.of("user_id", "ann",
        "messages", List.of(Map.of("content", "I live in Paris.")))).json().get("results").get(0).get("id").asText();
    before = snapshot();
  }

  /** What is stored: every document, every memory with its history. */
  static String snapshot() {
    return http.get("/v1/documents?page_size=100", key).json().get("results").toString()
        + http.get("/v1/documents/" + docId, key).json().get("chunks").toString()
        + http.get("/v1/memories?user_id=ann&include_history=true&page_size=100", key).json().get("results").toString()
        + http.get("/v1/memories/" + memoryId + "/history", key).json().toString();
  }

  @AfterEach
  void stored_data_is_intact() {
    assertThat(snapshot()).isEqualTo(before);
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  static void problem(Http.Response r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.get("code").asText()).as(r.toString()).isEqualTo(code);
    assertThat(p.get("type").asText()).isEqualTo("urn:engram:error:" + code);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
  }

  static void problem(Http.Response r, int status, String code, String field) {
    problem(r, status, code);
    assertThat(r.json().path("field").asText()).as(r.toString()).isEqualTo(field);
    assertThat(r.json().get("detail").asText()).contains(field.replaceAll("\\[.*", ""));
  }

  @Test
  void should_refuse_malformed_json_and_bodies_that_are_not_objects() {
    for (String body : List.of("{\"query\": ", "{\"query\": \"x\"} trailing", "not json at all", "", "[1, 2]", "\"text\"")) {
      problem(http.raw("POST", "/v1/search", key, "application/json", body.getBytes(StandardCharsets.UTF_8)),
          400, "ENGRAM-900");
    }
    problem(http.raw("POST", "/v1/memories", key, "application/json", "{\"user_id\": \"ann\", \"messages\": [{\"content\": \"I moved to Rome\"".getBytes(StandardCharsets.UTF_8)),
        400, "ENGRAM-900");
  }

  @Test
  void should_name_the_field_of_a_wrong_type_or_unknown_field() {
    problem(http.post("/v1/search", key, Map.of("query", "reset", "top_k", "five")), 400, "ENGRAM-901", "top_k");
    problem(http.post("/v1/search", key, Map.of("query", "reset", "top_k", 2.5)), 400, "ENGRAM-901", "top_k");
    problem(http.post("/v1/search", key, Map.of("query", 42)), 400, "ENGRAM-901", "query");
    problem(http.post("/v1/search", key, Map.of("query", "reset", "topk", 3)), 400, "ENGRAM-901", "topk");
    problem(http.post("/v1/search", key, Map.of("query", "reset", "mode", "fuzzy")), 400, "ENGRAM-901", "mode");
    problem(http.post("/v1/search", key, Map.of("query", "reset", "top_k", 0)), 400, "ENGRAM-901", "top_k");
    problem(http.post("/v1/search", key, Map.of("query", "reset", "filters", Map.of("tag", List.of("a")))), 400, "ENGRAM-901", "tag");
    problem(http.post("/v1/memories", key, Map.of("user_id", "ann", "messages", "I moved")), 400, "ENGRAM-901", "messages[0]");
    problem(http.post("/v1/memories", key, Map.of("user_id", "ann", "messages",
        List.of(Map.of("content", "I moved to Rome", "created_at", "yesterday")))), 400, "ENGRAM-901", "messages[0].created_at");
    problem(http.post("/v1/memories", key, Map.of("user_id", "ann", "infer", "no",
        "messages", List.of(Map.of("content", "I moved to Rome")))), 400, "ENGRAM-901", "infer");
    problem(http.post("/v1/context", key, Map.of("user_id", "ann", "question", "where?", "budget_tokens", -1)),
        400, "ENGRAM-901", "budget_tokens");
    problem(http.get("/v1/documents?page=zero", key), 400, "ENGRAM-903", "page");
    problem(http.get("/v1/memories?user_id=ann&include_history=maybe", key), 400, "ENGRAM-903", "include_history");
  }

  @Test
  void should_name_a_missing_field() {
    problem(http.post("/v1/search", key, Map.of("top_k", 3)), 400, "ENGRAM-902", "query");
    problem(http.post("/v1/documents", key, Map.of("title", "no text")), 400, "ENGRAM-902", "text");
    problem(http.post("/v1/memories", key, Map.of("user_id", "ann")), 400, "ENGRAM-902", "messages");
    problem(http.post("/v1/memories", key, Map.of("messages", List.of(Map.of("content", "hi")))), 400, "ENGRAM-902", "user_id");
    problem(http.post("/v1/memories", key, Map.of("user_id", "ann", "messages", List.of(Map.of("role", "user")))),
        400, "ENGRAM-902", "messages[0].content");
    problem(http.post("/v1/memories/search", key, Map.of("user_id", "ann")), 400, "ENGRAM-902", "query");
    problem(http.post("/v1/answer", key, Map.of("user_id", "ann")), 400, "ENGRAM-902", "question");
    problem(http.put("/v1/memories/" + memoryId, key, Map.of()), 400, "ENGRAM-902", "text");
    problem(http.post("/v1/admin/keys", Served.ADMIN_KEY, Map.of("name", "x")), 400, "ENGRAM-902", "tenant");
  }

  @Test
  void should_refuse_values_the_engine_refuses_with_422() {
    problem(http.post("/v1/search", key, Map.of("query", "   ")), 422, "ENGRAM-401");
    problem(http.post("/v1/search", key, Map.of("query", "x".repeat(4_001))), 422, "ENGRAM-402");
    problem(http.post("/v1/memories", key, Map.of("user_id", "ann", "messages", List.of(Map.of("content", " ")))), 422, "ENGRAM-302");
    problem(http.post("/v1/memories", key, Map.of("user_id", "ann", "messages", List.of(Map.of("content", "hi", "role", "robot")))), 422, "ENGRAM-312");
    problem(http.post("/v1/memories", key, Map.of("user_id", "ann", "messages",
        List.of(Map.of("content", "I moved to Rome", "created_at", "2999-01-01T00:00:00Z")))), 422, "ENGRAM-313");
    problem(http.post("/v1/memories", key, Map.of("user_id", "a/../b", "messages", List.of(Map.of("content", "hi")))), 422, "ENGRAM-300");
    problem(http.post("/v1/documents", key, Map.of("text", "x", "kb", "no spaces allowed")), 422, "ENGRAM-300");
    problem(http.post("/v1/documents", key, Map.of("text", "")), 422, "ENGRAM-202");
    problem(http.post("/v1/memories/search", key, Map.of("user_id", "ann", "query", "x", "top_k", 1000)), 422, "ENGRAM-305");
    problem(http.post("/v1/admin/keys", Served.ADMIN_KEY, Map.of("tenant", "bad tenant")), 422, "ENGRAM-300");
  }

  @Test
  void should_answer_404_for_unknown_ids_and_routes_and_405_for_methods() {
    problem(http.get("/v1/documents/nope", key), 404, "ENGRAM-404");
    problem(http.delete("/v1/documents/nope", key), 404, "ENGRAM-404");
    problem(http.get("/v1/memories/nope", key), 404, "ENGRAM-306");
    problem(http.put("/v1/memories/nope", key, Map.of("text", "x")), 404, "ENGRAM-306");
    problem(http.delete("/v1/memories/nope", key), 404, "ENGRAM-306");
    problem(http.get("/v1/memories/nope/history", key), 404, "ENGRAM-306");
    problem(http.delete("/v1/admin/keys/nope", Served.ADMIN_KEY), 404, "ENGRAM-914");
    problem(http.get("/v1/nothing-here", key), 404, "ENGRAM-915");
    problem(http.raw("PATCH", "/v1/documents", key, "application/json", "{}".getBytes(StandardCharsets.UTF_8)), 405, "ENGRAM-916");
  }

  @Test
  void should_refuse_bodies_over_the_limits_with_413() {
    String huge = "{\"query\": \"" + "a".repeat((int) JSON_LIMIT) + "\"}";
    problem(http.raw("POST", "/v1/search", key, "application/json", huge.getBytes(StandardCharsets.UTF_8)), 413, "ENGRAM-920");
    problem(http.post("/v1/documents", key, Map.of("text", "word ".repeat((int) JSON_LIMIT / 4))), 413, "ENGRAM-920");
    byte[] big = "word ".repeat((int) UPLOAD_LIMIT / 4).getBytes(StandardCharsets.UTF_8);
    problem(http.upload(key, "big.txt", big, Map.of()), 413, "ENGRAM-920");
  }

  @Test
  void should_read_a_refused_body_so_the_413_arrives_and_the_connection_serves_on() throws Exception {
    String json = "{\"query\": \"" + "a".repeat((int) JSON_LIMIT) + "\"}";
    String boundary = "b0und";
    String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\n" + "word ".repeat((int) UPLOAD_LIMIT / 2) + "\r\n--" + boundary + "--\r\n";
    String requests = request("/v1/search", "application/json", json)
        + request("/v1/documents", "multipart/form-data; boundary=" + boundary, form)
        + "GET /v1/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
        + "\r\nConnection: close\r\n\r\n";
    try (java.net.Socket socket = rawConnection()) {
      // Written from another thread: were the server not reading, the write would block.
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
          socket.getOutputStream().flush();
        } catch (java.io.IOException e) {
          // the reads below fail and say so
        }
      });
      // The last request asks to close, so the answers end where the connection does.
      String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      writer.join();
      assertThat(count(all, "HTTP/1.1 ")).as("three answers on one connection: " + all).isEqualTo(3);
      assertThat(all).startsWith("HTTP/1.1 413");
      String refusals = all.substring(0, all.lastIndexOf("HTTP/1.1 "));
      assertThat(count(refusals, "HTTP/1.1 413")).isEqualTo(2);
      assertThat(count(refusals, "\"code\":\"ENGRAM-920\"")).isEqualTo(2);
      assertThat(refusals).doesNotContainIgnoringCase("Connection: close");
      assertThat(all.substring(all.lastIndexOf("HTTP/1.1 "))).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void should_refuse_a_body_declared_far_past_the_limits_without_waiting_for_it() throws Exception {
    try (java.net.Socket socket = rawConnection()) {
      String head = "POST /v1/search HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
          + "\r\nContent-Type: application/json\r\nContent-Length: " + (1L << 30) + "\r\n\r\n{\"query\": \"";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      // A gigabyte is not read to answer it: the 413 comes now, and the connection closes.
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("Connection: close")
          .contains("\"code\":\"ENGRAM-920\"");
    }
  }

  /** A plain socket to the server, for what an HTTP client would not send; reads time out. */
  private static java.net.Socket rawConnection() throws java.io.IOException {
    java.net.URI uri = java.net.URI.create(served.server.url());
    java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
    socket.setSoTimeout(20_000);
    return socket;
  }

  private static String request(String path, String type, String body) {
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
        + "\r\nContent-Type: " + type + "\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void should_refuse_binary_corrupt_empty_and_unsupported_uploads() throws Exception {
    byte[] binary = new byte[2048];
    new java.util.Random(7).nextBytes(binary);
    binary[10] = 0;
    problem(http.upload(key, "blob.txt", binary, Map.of()), 422, "ENGRAM-203");
    problem(http.upload(key, "broken.pdf", "%PDF-1.7 this is not a pdf".getBytes(StandardCharsets.UTF_8), Map.of()), 422, "ENGRAM-205");
    problem(http.upload(key, "bad.txt", new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}, Map.of()), 422, "ENGRAM-204");
    problem(http.upload(key, "empty.md", new byte[0], Map.of()), 422, "ENGRAM-202");
    problem(http.upload(key, "broken.jsonl", "{\"_id\": \"1\", \"text\": \"a\"}\n{oops\n".getBytes(StandardCharsets.UTF_8), Map.of()), 422, "ENGRAM-207");
    problem(http.upload(key, "program.exe", "MZ".getBytes(StandardCharsets.UTF_8), Map.of()), 415, "ENGRAM-208");
    problem(http.upload(key, "ok.txt", "fine".getBytes(StandardCharsets.UTF_8), Map.of("metadata", "[1]")), 400, "ENGRAM-901", "metadata");
    problem(http.raw("POST", "/v1/documents", key, "multipart/form-data; boundary=xyz", "--xyz\r\ngarbage".getBytes(StandardCharsets.UTF_8)), 400, "ENGRAM-900");
    assertThat(Files.list(served.data.resolve("server").resolve("uploads")).toList()).isEmpty();
  }

  @Test
  void should_refuse_content_types_a_route_does_not_take_with_415() {
    problem(http.raw("POST", "/v1/search", key, "application/x-www-form-urlencoded", "query=reset".getBytes(StandardCharsets.UTF_8)), 415, "ENGRAM-921");
    problem(http.raw("POST", "/v1/memories", key, "text/plain", "hello".getBytes(StandardCharsets.UTF_8)), 415, "ENGRAM-921");
    problem(http.raw("POST", "/v1/search", key, "multipart/form-data; boundary=b", "--b--".getBytes(StandardCharsets.UTF_8)), 415, "ENGRAM-921");
    problem(http.raw("PUT", "/v1/memories/" + memoryId, key, "application/xml", "<text/>".getBytes(StandardCharsets.UTF_8)), 415, "ENGRAM-921");
  }

  @Test
  void should_give_up_on_a_client_that_stalls_mid_body_while_serving_others() throws Exception {
    try (java.net.Socket slow = rawConnection()) {
      String head = "POST /v1/memories HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
          + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n";
      slow.getOutputStream().write((head + "{\"user_id\": \"ann\", \"messages\": [{\"content\": \"I moved to Os")
          .getBytes(StandardCharsets.UTF_8));
      slow.getOutputStream().flush();
      long t0 = System.nanoTime();
      // Others are served while the stalled request waits for its body.
      assertThat(http.get("/v1/documents", key).status()).isEqualTo(200);
      String answer = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      long waited = (System.nanoTime() - t0) / 1_000_000;
      assertThat(waited).as("the server waits about its idle timeout, not forever").isLessThan(15_000);
      assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
          .contains("\"code\":\"ENGRAM-922\"");
    }
  }

  @Test
  void should_keep_unicode_exact_in_documents_memories_and_errors() {
    String text = "Zürich café — 東京の灯台 🚢 says: naïve résumé.";
    Http.Response added = http.post("/v1/documents", key, Map.of("text", text, "title", "Ünïcödé 🚢", "kb", "unicode"));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    String id = added.json().get("documents").get(0).get("id").asText();
    JsonNode doc = http.get("/v1/documents/" + id + "?kb=unicode", key).json();
    assertThat(doc.get("title").asText()).isEqualTo("Ünïcödé 🚢");
    assertThat(doc.get("chunks").get(0).get("text").asText()).isEqualTo(text);
    assertThat(http.post("/v1/search", key, Map.of("query", "東京の灯台", "kb", "unicode", "mode", "bm25")).json()
        .get("results").get(0).get("text").asText()).isEqualTo(text);
    problem(http.get("/v1/memories/%E6%9D%B1%E4%BA%AC", key), 404, "ENGRAM-306");
    assertThat(http.get("/v1/memories/%E6%9D%B1%E4%BA%AC", key).json().get("detail").asText()).contains("東京");
    assertThat(http.delete("/v1/documents/" + id + "?kb=unicode", key).status()).isEqualTo(200);
  }
}
