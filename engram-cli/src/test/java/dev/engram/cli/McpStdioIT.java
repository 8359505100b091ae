package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram mcp} as a child process, as an MCP host starts it: the MCP Java SDK's stdio client
 * lists the tools and calls each one on data the CLI wrote, error results carry ENGRAM codes, and
 * standard output holds the protocol and nothing else until standard input closes.
 */
class McpStdioIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private static List<String> command(Path data) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "mcp", "--data", data.toString());
  }

  private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
  }

  private static String text(CallToolResult r) {
    return r.content().stream().map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
  }

  private static JsonNode ok(CallToolResult r) {
    assertThat(r.isError()).as(text(r)).isFalse();
    return JSON.valueToTree(r.structuredContent());
  }

  @Test
  void should_serve_every_tool_over_stdio_on_the_data_the_cli_wrote() throws Exception {
    Path data = tmp.resolve("data");
    Cli cli = new Cli(data);
    assertThat(cli.run("ingest", Fixtures.knowledgeBase(tmp.resolve("kb")).toString()).exitCode()).isZero();
    assertThat(cli.run("remember", "--user", "ann", "I live in Lisbon and I love sailing.").exitCode()).isZero();

    List<String> cmd = command(data);
    ServerParameters params = ServerParameters.builder(cmd.getFirst()).args(cmd.subList(1, cmd.size()))
        .addEnvVar("ENGRAM_NOW", Cli.NOW).build();
    StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
    List<String> stderr = new CopyOnWriteArrayList<>();
    transport.setStdErrorHandler(stderr::add);
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
        .initializationTimeout(Duration.ofSeconds(120)).build();
    try {
      client.initialize();
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder(
          "search_knowledge", "add_document", "add_memory", "search_memory", "list_memories",
          "update_memory", "delete_memory", "memory_history", "get_context");

      JsonNode hit = ok(call(client, "search_knowledge", Map.of("query", "how often does the fog horn sound")))
          .at("/results/0");
      assertThat(hit.get("text").asText()).contains("twice every thirty seconds");
      assertThat(hit.get("title").asText()).isEqualTo("Lighthouse Guide");
      String doc = ok(call(client, "add_document", Map.of("text", "The ferry to the island leaves at 07:15.",
          "source", "ferry.txt"))).at("/documents/0/id").asText();
      assertThat(ok(call(client, "search_knowledge", Map.of("query", "when does the ferry leave", "top_k", 1)))
          .at("/results/0/document_id").asText()).isEqualTo(doc);

      String lisbon = ok(call(client, "search_memory", Map.of("user_id", "ann", "query", "where does ann live")))
          .at("/results/0/id").asText();
      String added = ok(call(client, "add_memory", Map.of("user_id", "ann", "messages",
          List.of(Map.of("role", "user", "content", "My sister Rita is a pilot."))))).at("/results/0/id").asText();
      assertThat(ok(call(client, "list_memories", Map.of("user_id", "ann"))).get("results"))
          .extracting(m -> m.get("id").asText()).contains(lisbon, added);
      assertThat(ok(call(client, "update_memory", Map.of("user_id", "ann", "memory_id", added,
          "text", "Ann's sister Rita is an airline pilot."))).get("version").asInt()).isEqualTo(2);
      assertThat(ok(call(client, "memory_history", Map.of("user_id", "ann", "memory_id", added))).get("results"))
          .hasSize(2);
      CallToolResult context = call(client, "get_context", Map.of("user_id", "ann", "question", "Where do I live?"));
      assertThat(text(context)).contains("Lisbon");
      assertThat(ok(call(client, "delete_memory", Map.of("user_id", "ann", "memory_id", added))).get("deleted")
          .asBoolean()).isTrue();

      CallToolResult unknown = call(client, "memory_history", Map.of("user_id", "ann", "memory_id", added + "x"));
      assertThat(unknown.isError()).isTrue();
      assertThat(text(unknown)).startsWith("ENGRAM-306: no memory with id");
      CallToolResult bad = call(client, "search_memory", Map.of("user_id", "ann", "query", "x", "top_k", true));
      assertThat(bad.isError()).isTrue();
      assertThat(text(bad)).startsWith("ENGRAM-901").contains("top_k");
    } finally {
      client.closeGracefully();
    }
    assertThat(cli.run("memories", "--user", "ann").out()).contains("Lisbon").doesNotContain("Rita");
  }

  @Test
  void should_write_only_protocol_lines_to_stdout_and_stop_when_stdin_closes() throws Exception {
    Process p = new ProcessBuilder(command(tmp.resolve("data"))).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write("""
          {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
          {"jsonrpc":"2.0","method":"notifications/initialized"}
          {"jsonrpc":"2.0","id":2,"method":"tools/list"}
          {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_memories","arguments":{"user_id":"ann"}}}
          """.getBytes(StandardCharsets.UTF_8));
      in.flush();
      // Wait for the answers before closing: a host keeps stdin open while it awaits replies.
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<JsonNode> lines = new java.util.ArrayList<>();
      for (String line; lines.size() < 3 && (line = out.readLine()) != null; ) {
        lines.add(JSON.readTree(line)); // fails on anything that is not a JSON line
      }
      assertThat(lines).extracting(l -> l.get("id").asInt()).containsExactly(1, 2, 3);
      assertThat(lines).allMatch(l -> l.get("jsonrpc").asText().equals("2.0"));
      assertThat(lines.get(1).at("/result/tools")).hasSize(9);
      assertThat(lines.get(2).at("/result/isError").asBoolean()).isFalse();
      in.close();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(out.readLine()).isNull(); // nothing after the replies either
    }
    assertThat(p.exitValue()).isZero();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(err).contains("engram mcp: serving").contains("standard input closed, stopped");
  }
}
