package dev.engram.server.mcp;

import dev.engram.common.EngramException;
import dev.engram.server.auth.ApiKeys;
import dev.engram.server.auth.Caller;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.BearerKeys;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Json;
import dev.engram.server.http.Problem;
import dev.engram.server.http.RequestLog;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /mcp}: the servlet in front of the SDK's streamable HTTP transport. It does what the REST
 * routes do before their handler: refuses while stopping (503), authenticates the bearer key
 * (401 problem+json without a valid one, 403 for the admin key), and puts the key's tenant on the
 * request, where the transport context picks it up for the tools. A session belongs to the tenant
 * that opened it: another tenant's key sending its id is refused, so one tenant cannot drive
 * another's session even with a leaked id. Every request is in the access log and the metrics.
 */
final class McpEndpoint extends HttpServlet {
  static final String TENANT_ATTRIBUTE = "engram.mcp.tenant";
  static final String PATH = "/mcp";
  /** The code of a request naming an MCP session this key did not open (or one forgotten). */
  static final String UNKNOWN_SESSION = "ENGRAM-966";
  /**
   * Sessions whose owner is remembered. Past this the oldest is forgotten and its client must
   * initialize again (it gets 404, as for a session that expired); not measured, a bound on
   * memory: ~100 bytes a session.
   */
  private static final int MAX_SESSIONS = 10_000;

  private final transient HttpServlet transport;
  private final transient ApiKeys keys;
  private final transient RequestLog requests;
  private final transient McpHttp.Admission admission;
  private final transient Map<String, String> owners = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_SESSIONS;
        }
      });

  McpEndpoint(HttpServlet transport, ApiKeys keys, RequestLog requests, McpHttp.Admission admission) {
    this.transport = transport;
    this.keys = keys;
    this.requests = requests;
    this.admission = admission;
  }

  @Override
  public void init() throws jakarta.servlet.ServletException {
    super.init();
    transport.init(getServletConfig());
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    long t0 = System.nanoTime();
    // A GET is the session's long-lived event stream, which the stop ends (by closing the MCP
    // server) rather than waits for; every other request is in flight until its reply completes.
    if (!req.getMethod().equals("GET")) {
      admission.inFlight().begin(req);
    }
    String tenant = "-";
    try {
      tenant = admit(req, res);
      admission.served().accept(tenant);
      String session = req.getHeader(HttpHeaders.MCP_SESSION_ID);
      if (session != null && !tenant.equals(owners.get(session))) {
        throw new ApiException(404, UNKNOWN_SESSION, "no MCP session '" + session
            + "' for this key: initialize a new session (POST an initialize request without the "
            + HttpHeaders.MCP_SESSION_ID + " header)");
      }
      req.setAttribute(TENANT_ATTRIBUTE, tenant);
      // The transport's public entry point (its HttpServletRequest overload is protected).
      transport.service((ServletRequest) req,
          (ServletResponse) (session == null ? new Opening(res, tenant) : res));
      if (session != null && req.getMethod().equals("DELETE") && res.getStatus() < 300) {
        owners.remove(session);
      }
    } catch (EngramException e) {
      problem(res, Problem.of(e, PATH));
    } catch (jakarta.servlet.ServletException e) {
      throw new IOException(e);
    } finally {
      requests.record(req.getMethod(), PATH, res.getStatus(), (System.nanoTime() - t0) / 1e6, tenant);
    }
  }

  /**
   * The response to a request that may open a session: the owner is recorded when the transport
   * sets the session header, before the reply is sent, so the client's next request (which may
   * come before the transport returns) finds it.
   */
  private final class Opening extends HttpServletResponseWrapper {
    private final String tenant;

    Opening(HttpServletResponse res, String tenant) {
      super(res);
      this.tenant = tenant;
    }

    @Override
    public void setHeader(String name, String value) {
      opened(name, value);
      super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
      opened(name, value);
      super.addHeader(name, value);
    }

    private void opened(String name, String value) {
      if (name.equalsIgnoreCase(HttpHeaders.MCP_SESSION_ID) && value != null) {
        owners.put(value, tenant);
      }
    }
  }

  /** The tenant of the request's key, after the checks every tenant route makes. */
  private String admit(HttpServletRequest req, HttpServletResponse res) {
    if (admission.stopping().getAsBoolean()) {
      throw new ApiException(503, ErrorCodes.NOT_READY, "the server is stopping: retry on another"
          + " instance or after it restarts");
    }
    Caller caller = BearerKeys.caller(keys, req.getHeader("Authorization"),
        challenge -> res.setHeader("WWW-Authenticate", challenge));
    return caller.tenant().orElseThrow(() -> new ApiException(403,
        ErrorCodes.ADMIN_ON_TENANT_ROUTE, "the admin key manages keys only: create a tenant key"
            + " with POST /v1/admin/keys and use it for /mcp"));
  }

  private static void problem(HttpServletResponse res, Problem p) throws IOException {
    if (res.isCommitted()) {
      return;
    }
    res.setStatus(p.status());
    res.setContentType(Problem.MEDIA_TYPE);
    res.getOutputStream().write(Json.write(p));
  }

  @Override
  public void destroy() {
    transport.destroy();
    super.destroy();
  }

  /** The tenant {@link McpEndpoint} put on a request; empty on a request it did not admit. */
  static Optional<String> tenantOf(HttpServletRequest req) {
    return Optional.ofNullable(req.getAttribute(TENANT_ATTRIBUTE)).map(Object::toString);
  }
}
