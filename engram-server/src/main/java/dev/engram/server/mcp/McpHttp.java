package dev.engram.server.mcp;

import dev.engram.server.auth.ApiKeys;
import dev.engram.server.http.InFlight;
import dev.engram.server.http.RequestLog;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * MCP over streamable HTTP at {@code /mcp} of the server: the SDK's servlet transport behind
 * {@link McpEndpoint}, mounted in the Jetty that Javalin runs. It is a servlet of its own, not a
 * Javalin route, so the OpenAPI document (which lists the REST routes) does not describe it; the
 * MCP protocol does.
 */
public final class McpHttp implements AutoCloseable {
  private static final String TENANT_KEY = "engram.tenant";

  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;
  private final McpEndpoint endpoint;
  private boolean closed;

  /**
   * What the server's front door shares with {@code /mcp}: whether it is stopping (requests then
   * get 503), the requests in flight a stop waits for, and the tenants served (for the
   * per-tenant gauges).
   */
  public record Admission(BooleanSupplier stopping, InFlight inFlight, Consumer<String> served) {}

  /**
   * The MCP service over {@code apis}, for the tenants of {@code keys}, admitted as {@code
   * admission} says; records each request in {@code requests}.
   */
  public McpHttp(Apis apis, ApiKeys keys, RequestLog requests, Admission admission,
      long maxRequestBytes) {
    this.transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(McpJsonDefaults.getMapper())
        .mcpEndpoint(McpEndpoint.PATH)
        .maxRequestSize((int) Math.min(Integer.MAX_VALUE, maxRequestBytes))
        // The tenant of the key of this very request, which McpEndpoint checked.
        .contextExtractor(req -> McpEndpoint.tenantOf(req)
            .map(t -> McpTransportContext.create(Map.of(TENANT_KEY, t)))
            .orElse(McpTransportContext.EMPTY))
        .build();
    this.server = EngramMcp.serve(transport, apis, McpHttp::tenant);
    this.endpoint = new McpEndpoint(transport, keys, requests, admission);
  }

  private static String tenant(io.modelcontextprotocol.server.McpSyncServerExchange exchange) {
    Object tenant = exchange.transportContext().get(TENANT_KEY);
    if (tenant == null) {
      // Fail closed: a call that did not come through McpEndpoint runs in no tenant at all.
      throw new IllegalStateException("an MCP call without a tenant");
    }
    return tenant.toString();
  }

  /** Serves {@code /mcp} in {@code context}, beside Javalin's own servlet. */
  public void mount(ServletContextHandler context) {
    ServletHolder holder = new ServletHolder("mcp", endpoint);
    holder.setAsyncSupported(true); // the transport answers requests as event streams
    context.addServlet(holder, McpEndpoint.PATH);
  }

  /** Closes every session (their event streams end) and the server. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.closeGracefully();
  }
}
