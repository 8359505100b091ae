package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP over streamable HTTP at {@code /mcp} of a real server on loopback, driven by the MCP Java
 * SDK's own client: the tool list and schemas, every tool, error results with ENGRAM codes, the
 * bearer key, and two tenants (acme, globex) with the same user ids where globex tries acme's ids
 * through every tool and gets nothing.
 */
class McpHttpIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOOLS = Set.of("search_knowledge", "add_document", "add_memory",
      "search_memory", "list_memories", "update_memory", "delete_memory", "memory_history", "get_context");

  @TempDir static Path tmp;
  static Served served;
  static String acmeKey;
  static String globexKey;
  static McpSyncClient acme;
  static McpSyncClient globex;

  @BeforeAll
  static void start() {
    served = Served.fake(tmp.resolve("data"));
    acmeKey = served.keyFor("acme");
    globexKey = served.keyFor("globex");
    acme = client(acmeKey);
    globex = client(globexKey);
  }

  @AfterAll
  static void stop() {
    acme.closeGracefully();
    globex.closeGracefully();
    served.close();
  }

  static McpSyncClient client(String key) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
        .builder(served.server.url()).endpoint("/mcp")
        .httpRequestCustomizer((request, method, uri, body, context) ->
            request.header("Authorization", "Bearer " + key))
        .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    client.initialize();
    return client;
  }

  static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
  }

  /** The structured content of a successful result, as JSON. */
  static JsonNode ok(CallToolResult r) {
    assertThat(r.isError()).as(text(r)).isFalse();
    return JSON.valueToTree(r.structuredContent());
  }

  static String text(CallToolResult r) {
    return r.content().stream().map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
  }

  /** The ENGRAM code of an error result, checked to lead its text and to be in its problem detail. */
  static String errorCode(CallToolResult r) {
    assertThat(r.isError()).as(text(r)).isTrue();
    JsonNode problem = JSON.valueToTree(r.structuredContent());
    assertThat(text(r)).startsWith(problem.get("code").asText() + ": ");
    return problem.get("code").asText();
  }

  @Test
  void should_list_every_tool_with_a_strict_schema_and_a_description() {
    List<McpSchema.Tool> tools = acme.listTools().tools();
    assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
    for (McpSchema.Tool t : tools) {
      assertThat(t.description()).as(t.name()).hasSizeGreaterThan(60);
      assertThat(t.inputSchema()).as(t.name()).containsEntry("type", "object")
          .containsEntry("additionalProperties", false).containsKey("required");
      assertThat(t.annotations().readOnlyHint()).as(t.name())
          .isEqualTo(Set.of("search_knowledge", "search_memory", "list_memories", "memory_history", "get_context").contains(t.name()));
    }
    assertThat(acme.getServerInfo().name()).isEqualTo("engram");
  }

  @Test
  void should_add_and_search_knowledge_with_ids_spans_and_scores() {
    JsonNode added = ok(call(acme, "add_document", Map.of("text",
        "The Orion rover charges its batteries from a solar mast.\n\nIt was launched in 2031.",
        "title", "Orion notes", "source", "notes/orion.md", "kb", "space")));
    String id = added.at("/documents/0/id").asText();
    assertThat(added.at("/documents/0/status").asText()).isEqualTo("added");

    CallToolResult found = call(acme, "search_knowledge", Map.of("query", "how does the rover charge", "kb", List.of("space"), "top_k", 3));
    JsonNode hit = ok(found).at("/results/0");
    assertThat(hit.get("document_id").asText()).isEqualTo(id);
    assertThat(hit.get("text").asText()).contains("solar mast");
    assertThat(hit.get("end").asInt()).isGreaterThan(hit.get("start").asInt());
    assertThat(hit.at("/scores/fused").asDouble()).isPositive();
    assertThat(text(found)).contains("[1] Orion notes (document " + id + ", kb space").contains("solar mast");

    assertThat(ok(call(globex, "search_knowledge", Map.of("query", "how does the rover charge", "kb", "space")))
        .get("results")).isEmpty();
  }

  @Test
  void should_remember_recall_list_update_trace_and_delete_a_memory() {
    JsonNode remembered = ok(call(acme, "add_memory", Map.of("user_id", "ann", "text", "I live in Lisbon and I love sailing.",
        "session_id", "s1")));
    String id = remembered.at("/results/0/id").asText();
    assertThat(id).startsWith("mem-");

    CallToolResult recalled = call(acme, "search_memory", Map.of("user_id", "ann", "query", "where does ann live"));
    assertThat(ok(recalled).at("/results/0/id").asText()).isEqualTo(id);
    assertThat(ok(recalled).at("/results/0/score").asDouble()).isPositive();
    assertThat(text(recalled)).contains("Lisbon").contains(id);
    assertThat(ok(call(acme, "list_memories", Map.of("user_id", "ann"))).get("results"))
        .extracting(m -> m.get("id").asText()).contains(id);

    JsonNode updated = ok(call(acme, "update_memory", Map.of("user_id", "ann", "memory_id", id, "text", "Ann lives in Porto.")));
    assertThat(updated.get("memory").asText()).isEqualTo("Ann lives in Porto.");
    assertThat(updated.get("version").asInt()).isEqualTo(2);
    JsonNode history = ok(call(acme, "memory_history", Map.of("user_id", "ann", "memory_id", id)));
    assertThat(history.get("results")).extracting(c -> c.get("event").asText()).containsExactly("ADD", "EDIT");

    CallToolResult context = call(acme, "get_context", Map.of("user_id", "ann", "question", "Where does Ann live?", "session_id", "s1"));
    assertThat(text(context)).contains("Porto");
    assertThat(ok(context).get("citations")).anyMatch(c -> c.get("id").asText().equals(id));

    assertThat(ok(call(acme, "delete_memory", Map.of("user_id", "ann", "memory_id", id))).get("deleted").asBoolean()).isTrue();
    assertThat(ok(call(acme, "list_memories", Map.of("user_id", "ann"))).get("results"))
        .extracting(m -> m.get("id").asText()).doesNotContain(id);
    assertThat(errorCode(call(acme, "delete_memory", Map.of("user_id", "ann", "memory_id", id)))).isEqualTo("ENGRAM-306");
  }

  @Test
  void should_answer_bad_arguments_and_unknown_ids_with_engram_coded_error_results() {
    assertThat(errorCode(call(acme, "update_memory", Map.of("user_id", "ann",
        "memory_id", "mem-00000000-0000-0000-0000-000000000000", "text", "x")))).isEqualTo("ENGRAM-306");
    CallToolResult mistyped = call(acme, "search_knowledge", Map.of("query", "rover", "top_k", "five"));
    assertThat(errorCode(mistyped)).isEqualTo("ENGRAM-901");
    assertThat(text(mistyped)).contains("top_k");
    assertThat(errorCode(call(acme, "search_knowledge", Map.of("query", "rover", "top_k", 0)))).isEqualTo("ENGRAM-901");
    assertThat(errorCode(call(acme, "search_knowledge", Map.of("query", "rover", "mode", "bm25")))).isEqualTo("ENGRAM-901");
    assertThat(text(call(acme, "search_knowledge", Map.of()))).startsWith("ENGRAM-902").contains("query");
    assertThat(errorCode(call(acme, "list_memories", Map.of()))).isEqualTo("ENGRAM-902");
    assertThat(errorCode(call(acme, "add_memory", Map.of("user_id", "ann", "text", "a",
        "messages", List.of(Map.of("content", "b")))))).isEqualTo("ENGRAM-965");
    assertThat(errorCode(call(acme, "add_memory", Map.of("user_id", "ann")))).isEqualTo("ENGRAM-965");
    assertThat(errorCode(call(acme, "search_memory", Map.of("user_id", "ann", "query", "x", "as_of", "yesterday"))))
        .isEqualTo("ENGRAM-901");
  }

  @Test
  void should_not_let_another_tenant_or_user_reach_a_memory_through_any_tool() {
    String id = ok(call(acme, "add_memory", Map.of("user_id", "ann", "text", "My badge code is 4411 and I live in Paris.")))
        .at("/results/0/id").asText();
    for (String tool : List.of("memory_history", "delete_memory")) {
      assertThat(errorCode(call(globex, tool, Map.of("user_id", "ann", "memory_id", id)))).as(tool).isEqualTo("ENGRAM-306");
      assertThat(errorCode(call(acme, tool, Map.of("user_id", "bob", "memory_id", id)))).as(tool).isEqualTo("ENGRAM-306");
    }
    CallToolResult overwrite = call(globex, "update_memory", Map.of("user_id", "ann", "memory_id", id, "text", "overwritten"));
    assertThat(errorCode(overwrite)).isEqualTo("ENGRAM-306");
    assertThat(text(overwrite)).doesNotContain("4411").doesNotContain("acme");
    assertThat(ok(call(globex, "list_memories", Map.of("user_id", "ann"))).get("results")).isEmpty();
    assertThat(ok(call(globex, "search_memory", Map.of("user_id", "ann", "query", "badge code", "include_history", true)))
        .get("results")).isEmpty();
    assertThat(text(call(globex, "get_context", Map.of("user_id", "ann", "question", "What is my badge code?"))))
        .doesNotContain("4411");

    JsonNode still = ok(call(acme, "memory_history", Map.of("user_id", "ann", "memory_id", id)));
    assertThat(still.get("results")).hasSize(1);
    assertThat(text(call(acme, "search_memory", Map.of("user_id", "ann", "query", "badge code")))).contains("4411");
  }

  @Test
  void should_refuse_mcp_without_a_tenant_key_and_another_tenants_session() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String init = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
         "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    HttpResponse<String> none = post(http, null, null, init);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(JSON.readTree(none.body()).get("code").asText()).isEqualTo("ENGRAM-910");
    assertThat(JSON.readTree(post(http, "wrong-key", null, init).body()).get("code").asText()).isEqualTo("ENGRAM-911");
    HttpResponse<String> admin = post(http, Served.ADMIN_KEY, null, init);
    assertThat(admin.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(admin.body()).get("code").asText()).isEqualTo("ENGRAM-913");

    HttpResponse<String> opened = post(http, acmeKey, null, init);
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
    String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    String list = """
        {"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}""";
    HttpResponse<String> hijack = post(http, globexKey, session, list);
    assertThat(hijack.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(hijack.body()).get("code").asText()).isEqualTo("ENGRAM-966");
    HttpResponse<String> own = post(http, acmeKey, session, list);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("search_knowledge");
    assertThat(served.accessLog).anyMatch(l -> l.matches("POST /mcp 200 [0-9.]+ms tenant=acme"))
        .anyMatch(l -> l.matches("POST /mcp 401 [0-9.]+ms tenant=-"));
  }

  @Test
  void should_count_a_tenant_served_only_over_mcp_in_the_metrics_after_its_key_is_revoked() {
    String key = served.keyFor("wayne");
    McpSyncClient wayne = client(key);
    try {
      // a read only, so wayne holds no records the index could list it by
      assertThat(call(wayne, "list_memories", Map.of("user_id", "bruce")).isError()).isFalse();
    } finally {
      wayne.closeGracefully();
    }
    for (var k : served.http.get("/v1/admin/keys", Served.ADMIN_KEY).json().get("results")) {
      if (k.get("tenant").asText().equals("wayne")) {
        served.http.delete("/v1/admin/keys/" + k.get("id").asText(), Served.ADMIN_KEY);
      }
    }
    // No key lists wayne any more; only the MCP requests served for it do.
    assertThat(served.http.get("/metrics", null).body())
        .contains("engram_tenant_records{collection=\"memories\",tenant=\"wayne\"} 0.0");
  }

  @Test
  void should_stop_gracefully_with_an_mcp_session_open() throws Exception {
    Served own = Served.fake(tmp.resolve("stopping"));
    String key = own.keyFor("acme");
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(own.server.url())
        .endpoint("/mcp").httpRequestCustomizer((request, method, uri, body, context) ->
            request.header("Authorization", "Bearer " + key)).build();
    McpSyncClient open = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    open.initialize();
    assertThat(call(open, "list_memories", Map.of("user_id", "ann")).isError()).isFalse();
    long t0 = System.nanoTime();
    own.close(); // with the session (and its event stream) still open
    assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to stop").isLessThan(10_000);
    open.close();
    // The data directory was released: a new server opens it.
    Served again = Served.fake(tmp.resolve("stopping"));
    again.close();
  }

  private static HttpResponse<String> post(HttpClient http, String key, String session, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(served.server.url() + "/mcp"))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
