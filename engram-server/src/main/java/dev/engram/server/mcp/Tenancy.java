package dev.engram.server.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;

/**
 * Which tenant a tool call works in. Over HTTP it is the tenant of the key that sent this very
 * request (carried in the SDK's transport context), never one remembered from the session; over
 * stdio it is the local data's tenant.
 */
@FunctionalInterface
public interface Tenancy {
  /** The tenant of the call; throws when the call carries none, so nothing runs unscoped. */
  String tenant(McpSyncServerExchange exchange);
}
