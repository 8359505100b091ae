package dev.engram.server;

import dev.engram.common.Checks;
import dev.engram.common.EngramException;
import dev.engram.server.api.AdminApi;
import dev.engram.server.api.BlendApi;
import dev.engram.server.api.KnowledgeApi;
import dev.engram.server.api.MemoryApi;
import dev.engram.server.api.MetadataDeletesApi;
import dev.engram.server.api.SessionsApi;
import dev.engram.index.SharedIndex;
import dev.engram.server.auth.ApiKeys;
import dev.engram.server.auth.FileKeyStore;
import dev.engram.server.auth.IndexKeyStore;
import dev.engram.server.auth.KeyStore;
import dev.engram.server.auth.Caller;
import dev.engram.server.console.ConsoleAssets;
import dev.engram.server.console.MessagesApi;
import dev.engram.server.console.OverviewApi;
import dev.engram.server.console.WhoAmIApi;
import dev.engram.server.http.Access;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.BearerKeys;
import dev.engram.server.http.Call;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.InFlight;
import dev.engram.server.http.Json;
import dev.engram.server.http.Problem;
import dev.engram.server.http.RefusedBody;
import dev.engram.server.http.Reply;
import dev.engram.server.http.RequestLog;
import dev.engram.server.http.Route;
import dev.engram.server.mcp.Apis;
import dev.engram.server.mcp.McpHttp;
import dev.engram.server.openai.OpenAiApi;
import dev.engram.server.openai.ProxySettings;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Engram as an HTTP service for many tenants: the REST API of {@code /v1} (knowledge, memory,
 * the blend, key management), MCP at {@code /mcp}, health, readiness, metrics and the OpenAPI document, on Javalin
 * with a virtual thread per request. Every {@code /v1} request carries a bearer key; every
 * operation is scoped to the key's tenant. Errors are RFC 9457 problem details.
 *
 * <p>{@link #close()} stops gracefully: new requests get 503, requests in flight finish (up to
 * the configured drain time), then the listener stops and the engine is closed, so every write
 * that was answered is durable.
 */
public final class EngramServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EngramServer.class.getName());
  static final String TENANT_ATTRIBUTE = "engram.tenant";
  private static final String ANSWERED = "engram.answered";

  private final ServerEngine engine;
  private final ServerConfig config;
  private final ApiKeys keys;
  private final Optional<String> newAdminKey;
  private final RequestLog requests;
  private final TenantGauges tenantGauges;
  private final List<Route> routes;
  /** MCP at /mcp: a servlet beside Javalin's, over the same operations as the REST routes. */
  private final McpHttp mcp;
  private final OpenAiApi openAi;
  private final ConsoleAssets console;
  private final InFlight inFlight = new InFlight();
  private volatile boolean stopping;
  private boolean closed;
  private Javalin app;

  private EngramServer(ServerEngine engine, ServerConfig config, ProxySettings proxy,
      Consumer<String> accessLog) {
    this.engine = engine;
    this.config = config;
    // Servers sharing a remote index share its keys; an embedded index keeps them in a file.
    KeyStore store = engine.index() instanceof SharedIndex
        ? new IndexKeyStore(engine.index()) : FileKeyStore.open(config.dataDirectory());
    ApiKeys.Opened opened = ApiKeys.open(store, config.adminKey(), Clock.systemUTC());
    this.keys = opened.keys();
    this.newAdminKey = opened.newAdminKey();
    this.requests = new RequestLog(accessLog);
    EngineGauges.register(requests.registry(), engine, inFlight::count);
    this.tenantGauges = new TenantGauges(requests.registry(), engine,
        () -> keys.list().stream().map(k -> k.tenant()).toList());
    requests.beforeScrape(tenantGauges::refresh);
    List<Route> all = new ArrayList<>(new Operations(this::ready, requests).routes());
    all.addAll(new AdminApi(keys).routes());
    Apis apis = new Apis(new KnowledgeApi(engine, config.dataDirectory(), config.maxUploadBytes()),
        new MemoryApi(engine), new BlendApi(engine));
    all.addAll(apis.knowledge().routes());
    all.addAll(apis.memory().routes());
    all.addAll(apis.blend().routes());
    this.openAi = new OpenAiApi(engine, proxy, config.maxJsonBytes(), requests.registry());
    all.addAll(openAi.routes());
    all.addAll(new OverviewApi(engine, config.dataDirectory()).routes());
    all.addAll(new MessagesApi(engine).routes());
    all.addAll(new SessionsApi(engine).routes());
    all.addAll(new MetadataDeletesApi(engine).routes());
    all.addAll(new WhoAmIApi().routes());
    this.console = new ConsoleAssets();
    this.routes = List.copyOf(all);
    this.mcp = new McpHttp(apis, keys, requests,
        new McpHttp.Admission(() -> stopping, inFlight, tenantGauges::served), config.maxJsonBytes());
  }

  /**
   * Starts serving {@code engine} as {@code config} says; {@code accessLog} receives one line per
   * request. The server owns the engine from here on and closes it in {@link #close()}.
   */
  public static EngramServer start(ServerEngine engine, ServerConfig config,
      Consumer<String> accessLog) {
    return start(engine, config, ProxySettings.of(Checks.notNull(engine, "engine")), accessLog);
  }

  /**
   * Starts serving as {@link #start(ServerEngine, ServerConfig, Consumer)}, with the OpenAI
   * proxy's upstream and window as {@code proxy} says.
   */
  public static EngramServer start(ServerEngine engine, ServerConfig config, ProxySettings proxy,
      Consumer<String> accessLog) {
    EngramServer server = new EngramServer(Checks.notNull(engine, "engine"),
        Checks.notNull(config, "config"), Checks.notNull(proxy, "proxy"),
        Checks.notNull(accessLog, "accessLog"));
    try {
      server.app = server.javalin().start(config.host(), config.port());
    } catch (RuntimeException e) {
      server.openAi.close();
      engine.close();
      throw e;
    }
    return server;
  }

  private Javalin javalin() {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.concurrency.useVirtualThreads = true;
      cfg.router.ignoreTrailingSlashes = true;
      cfg.http.prefer405over404 = true;
      cfg.http.maxRequestSize = Math.max(config.maxJsonBytes(), config.maxUploadBytes());
      cfg.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
      cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes() + (1 << 20), SizeUnit.BYTES);
      cfg.jetty.modifyServletContextHandler(mcp::mount);
      cfg.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(config.idleTimeout().toMillis()));
      cfg.jetty.multipartConfig.maxInMemoryFileSize(1 << 20, SizeUnit.BYTES);
      cfg.requestLogger.http((ctx, ms) -> {
        requests.record(ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms,
            Optional.ofNullable(ctx.<String>attribute(TENANT_ATTRIBUTE)).orElse("-"));
      });
      for (Route r : routes) {
        cfg.routes.addHttpHandler(HandlerType.findOrCreate(r.method()), r.path(), ctx -> serve(r, ctx));
      }
      console.register(cfg.routes);
      cfg.routes.exception(Exception.class, (e, ctx) -> answer(ctx, problemFor(e, ctx)));
      cfg.routes.error(404, ctx -> {
        if (ctx.attribute(ANSWERED) == null) {
          answer(ctx, Problem.of(404, ErrorCodes.NO_ROUTE, "no route " + ctx.method().name() + " "
              + ctx.path() + ": see /openapi.json or /docs for the API", ctx.path(), Optional.empty()));
        }
      });
      cfg.routes.error(405, ctx -> {
        if (ctx.attribute(ANSWERED) == null) {
          answer(ctx, Problem.of(405, ErrorCodes.BAD_METHOD, ctx.method().name() + " is not served on "
              + ctx.path() + ": see /openapi.json for its methods", ctx.path(), Optional.empty()));
        }
      });
    });
  }

  private static String routeOf(Context ctx) {
    try {
      var endpoint = ctx.endpoints().matchedHttpEndpoint();
      return endpoint == null ? RequestLog.NO_ROUTE : endpoint.path;
    } catch (RuntimeException e) {
      return RequestLog.NO_ROUTE;
    }
  }

  /** Runs one route: readiness, the key, the content type, the handler; errors as problems. */
  private void serve(Route route, Context ctx) {
    inFlight.begin(ctx.req());
    try {
      if (stopping && route.access() != Access.PUBLIC) {
        throw new ApiException(503, ErrorCodes.NOT_READY, "the server is stopping: retry on another"
            + " instance or after it restarts");
      }
      Caller caller = authenticate(route, ctx);
      if (route.access() != Access.PUBLIC) {
        ctx.attribute(TENANT_ATTRIBUTE, caller.tenant().orElse("(admin)"));
        caller.tenant().ifPresent(tenantGauges::served);
      }
      checkContentType(route, ctx);
      Reply reply = route.handler().handle(new Call(ctx, caller, config.maxJsonBytes()));
      reply.body().ifPresent(body -> ctx.status(reply.status()).contentType("application/json")
          .result(body instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
              : Json.write(body)));
      ctx.attribute(ANSWERED, true);
    } catch (Exception e) {
      answer(ctx, problemFor(e, ctx));
    }
  }

  private Caller authenticate(Route route, Context ctx) {
    if (route.access() == Access.PUBLIC) {
      return Caller.admin();
    }
    Caller caller = BearerKeys.caller(keys, ctx.header("Authorization"),
        challenge -> ctx.header("WWW-Authenticate", challenge));
    if (route.access() == Access.ADMIN && !caller.isAdmin()) {
      throw new ApiException(403, ErrorCodes.NOT_ADMIN,
          "this route needs the admin key; tenant keys work on the tenant routes only");
    }
    if (route.access() == Access.TENANT && caller.isAdmin()) {
      throw new ApiException(403, ErrorCodes.ADMIN_ON_TENANT_ROUTE, "the admin key manages keys"
          + " only: create a tenant key with POST /v1/admin/keys and use it here");
    }
    return caller;
  }

  private static void checkContentType(Route route, Context ctx) {
    if (route.bodyTypes().isEmpty()) {
      return;
    }
    String type = Optional.ofNullable(ctx.contentType()).map(t -> t.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT)).orElse("");
    // No content type at all is read as JSON; a different one is refused, not guessed at.
    if (!type.isEmpty() && !route.bodyTypes().contains(type)) {
      throw new ApiException(415, ErrorCodes.UNSUPPORTED_MEDIA, "this route takes "
          + String.join(" or ", route.bodyTypes().stream().sorted().toList()) + ", not " + type
          + (type.equals("application/x-www-form-urlencoded")
              ? " (curl -d sends that: add -H 'Content-Type: application/json')" : ""));
    }
  }

  private static Problem problemFor(Exception e, Context ctx) {
    if (e instanceof EngramException ee) {
      return Problem.of(ee, ctx.path());
    }
    if (e instanceof HttpResponseException h) {
      return Problem.of(h.getStatus(), h.getStatus() == 413 ? ErrorCodes.TOO_LARGE
          : ErrorCodes.BAD_FIELD, h.getMessage(), ctx.path(), Optional.empty());
    }
    if (e instanceof IllegalArgumentException) {
      // The engine's records refuse bad values this way ("k must be >= 1, got: 0").
      return Problem.of(422, ErrorCodes.BAD_FIELD, e.getMessage(), ctx.path(), Optional.empty());
    }
    LOG.log(System.Logger.Level.ERROR, "unexpected error on " + ctx.method().name() + " "
        + routeOf(ctx), e);
    return Problem.of(500, ErrorCodes.INTERNAL, "unexpected error (" + e.getClass().getSimpleName()
        + "): the server log has the details", ctx.path(), Optional.empty());
  }

  private static void answer(Context ctx, Problem p) {
    ctx.attribute(ANSWERED, true);
    if (p.status() == 413) {
      RefusedBody.drop(ctx);
    }
    ctx.status(p.status()).contentType(Problem.MEDIA_TYPE).result(Json.write(p));
  }

  boolean ready() {
    return !stopping && app != null;
  }

  /** The port listened on (the one chosen when the config said 0). */
  public int port() {
    return app.port();
  }

  /** The base URL, {@code http://host:port}. */
  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  /** The admin key generated on this first start, to print once; empty otherwise. */
  public Optional<String> newAdminKey() {
    return newAdminKey;
  }

  /** Every route served, in registration order. */
  public List<Route> routes() {
    return routes;
  }

  /**
   * Stops gracefully: refuses new requests (503), waits up to the drain time for those in flight,
   * stops listening, waits up to the drain time again for the proxy's answered turns to be
   * remembered, and closes the engine. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    long deadline = System.nanoTime() + config.drain().toNanos();
    while (inFlight.count() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      mcp.close();
      if (app != null) {
        app.stop();
      }
    } finally {
      // Turns the proxy answered are remembered before the engine closes (up to the drain time).
      openAi.close(config.drain());
      engine.close();
    }
  }
}
