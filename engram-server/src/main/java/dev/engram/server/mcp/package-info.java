/**
 * Engram as an MCP server, on the official MCP Java SDK: the tools (knowledge, memory, context)
 * over the engine operations the REST API runs, served over streamable HTTP at {@code /mcp} of
 * {@code engram serve} (bearer keys, one tenant per key) and over stdio for a local agent.
 */
package dev.engram.server.mcp;
