package dev.engram.server.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/**
 * One tool: its name, what it does in words a model can act on, its strict input schema (JSON
 * Schema, {@code additionalProperties: false}) and what it runs in the caller's tenant.
 *
 * @param readOnly whether the tool only reads (an MCP host may then run it without asking)
 */
record EngramTool(String name, String title, String description, String inputSchema,
    boolean readOnly, boolean destructive, Body body) {

  /** What a tool runs: its arguments in one tenant, to a result. */
  @FunctionalInterface
  interface Body {
    CallToolResult call(String tenant, Map<String, Object> arguments);
  }

  /** The SDK's specification: the tenant from {@code tenancy}, any failure as an error result. */
  SyncToolSpecification spec(Tenancy tenancy) {
    McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description)
        .inputSchema(McpJsonDefaults.getMapper(), inputSchema)
        .annotations(new McpSchema.ToolAnnotations(title, readOnly, destructive, readOnly,
            false, false))
        .build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
      try {
        return body.call(tenancy.tenant(exchange), request.arguments());
      } catch (RuntimeException e) {
        return ToolResults.error(e, name);
      }
    }).build();
  }
}
