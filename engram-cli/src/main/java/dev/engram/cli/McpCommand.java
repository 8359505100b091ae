package dev.engram.cli;

import dev.engram.Settings;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatModelConfig;
import dev.engram.common.Scope;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.server.ServerConfig;
import dev.engram.server.ServerEngine;
import dev.engram.server.mcp.Apis;
import dev.engram.server.mcp.McpStdio;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram mcp}: an MCP server over stdio on one data directory, for a local agent (Claude
 * Desktop, an IDE) that starts it as a child process. Standard output carries the protocol and
 * nothing else; everything else goes to standard error. Stops when the agent closes standard input.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {"Serve the data directory as an MCP server over stdio (for Claude Desktop, IDE"
        + " agents and other MCP hosts): tools search_knowledge, add_document, add_memory,"
        + " search_memory, list_memories, update_memory, delete_memory, memory_history, get_context.",
        "Standard output is the protocol only; notes go to standard error. Over HTTP, `engram"
            + " serve` offers the same tools at /mcp."})
final class McpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Option(names = "--tenant", paramLabel = "T", description = MemoryScopeOptions.TENANT_HELP)
  String tenant = Scope.DEFAULT_TENANT;

  @Override
  public Integer call() throws InterruptedException {
    // The protocol owns standard output: whatever else prints (a library, a note) goes to stderr.
    Scope.ofTenant(tenant); // a bad tenant fails here, before the agent sees a server
    PrintStream protocol = System.out;
    System.setOut(System.err);
    var err = spec.commandLine().getErr();
    Map<String, String> env = Main.of(spec).env;
    Optional<ChatModel> model = ChatModelConfig.fromEnvironment(env).map(OpenAiChatModel::new);
    boolean llmMemory = !"false".equalsIgnoreCase(env.getOrDefault("ENGRAM_LLM_MEMORY", "true").strip());
    try (ServerEngine engine = ServerEngine.open(data.dir(), data.indexUri(), data.clock(), model,
        Settings.defaults().withLlmMemory(llmMemory))) {
      err.println("engram mcp: serving " + data.dir() + " over stdio (tenant " + tenant + ")");
      McpStdio.serve(Apis.of(engine, ServerConfig.defaults(data.dir())), tenant, Main.of(spec).in, protocol);
      err.println("engram mcp: standard input closed, stopped");
    }
    return 0;
  }
}
