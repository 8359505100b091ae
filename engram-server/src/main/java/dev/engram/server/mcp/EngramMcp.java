package dev.engram.server.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.ArrayList;
import java.util.List;

/** Engram's MCP server on a transport: its identity, its instructions and every tool. */
final class EngramMcp {
  static final String NAME = "engram";
  static final String VERSION = "0.1.0";
  private static final String INSTRUCTIONS = "Engram holds knowledge (documents, searched with"
      + " search_knowledge) and long-term memory per user (add_memory, search_memory,"
      + " list_memories, update_memory, delete_memory, memory_history). Before answering a user,"
      + " call get_context with their user_id and question; after they tell you something worth"
      + " keeping, call add_memory. Errors come back as isError results starting with an"
      + " ENGRAM-xxx code and saying what to fix.";

  private EngramMcp() {}

  static List<EngramTool> tools(Apis apis) {
    List<EngramTool> all = new ArrayList<>(KnowledgeTools.all(apis));
    all.addAll(MemoryTools.all(apis.memory()));
    return List.copyOf(all);
  }

  private static List<SyncToolSpecification> specs(Apis apis, Tenancy tenancy) {
    return tools(apis).stream().map(t -> t.spec(tenancy)).toList();
  }

  /** Over streamable HTTP: one server for every session; each call's tenant from {@code tenancy}. */
  static McpSyncServer serve(McpStreamableServerTransportProvider transport, Apis apis, Tenancy tenancy) {
    return build(McpServer.sync(transport), apis, tenancy);
  }

  /** Over stdio: one session, one tenant. */
  static McpSyncServer serve(McpServerTransportProvider transport, Apis apis, Tenancy tenancy) {
    return build(McpServer.sync(transport), apis, tenancy);
  }

  private static McpSyncServer build(McpServer.SyncSpecification<?> spec, Apis apis, Tenancy tenancy) {
    // The SDK's own schema check answers without an ENGRAM code; the strict parse of each
    // tool's arguments refuses the same inputs with one, naming the argument.
    return spec.serverInfo(NAME, VERSION).instructions(INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .validateToolInputs(false).tools(specs(apis, tenancy)).build();
  }
}
