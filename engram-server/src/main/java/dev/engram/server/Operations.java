package dev.engram.server;

import dev.engram.server.http.Access;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Reply;
import dev.engram.server.http.RequestLog;
import dev.engram.server.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The routes without a key: liveness, readiness, metrics, the OpenAPI document and its page. */
final class Operations {
  private final BooleanSupplier ready;
  private final RequestLog requests;
  private final byte[] openapi;
  private final byte[] docs;

  Operations(BooleanSupplier ready, RequestLog requests) {
    this.ready = ready;
    this.requests = requests;
    this.openapi = resource("openapi.json");
    this.docs = resource("docs.html");
  }

  List<Route> routes() {
    return List.of(
        Route.get("/health", Access.PUBLIC, call -> Reply.ok(Map.of("status", "ok"))),
        Route.get("/ready", Access.PUBLIC, call -> {
          if (!ready.getAsBoolean()) {
            throw new ApiException(503, ErrorCodes.NOT_READY, "not ready: the server is starting or stopping");
          }
          return Reply.ok(Map.of("status", "ready"));
        }),
        Route.get("/metrics", Access.PUBLIC, call -> {
          call.context().contentType("text/plain; version=0.0.4; charset=utf-8").result(requests.scrape());
          return Reply.written();
        }),
        Route.get("/openapi.json", Access.PUBLIC, call -> {
          call.context().contentType("application/json").result(openapi);
          return Reply.written();
        }),
        Route.get("/docs", Access.PUBLIC, call -> {
          call.context().contentType("text/html; charset=utf-8").result(docs);
          return Reply.written();
        }));
  }

  private static byte[] resource(String name) {
    try (InputStream in = Operations.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the engram-server jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
