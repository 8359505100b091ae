package dev.engram.server.http;

import dev.engram.common.Checks;
import java.util.Set;

/**
 * One route of the API: method, path (Javalin syntax, {@code /v1/documents/{id}}), who may call
 * it, the body types it takes, and its handler. The server registers exactly these, and the
 * OpenAPI test checks the spec against exactly these.
 *
 * @param bodyTypes content types of the body (empty: no body)
 */
public record Route(String method, String path, Access access, Set<String> bodyTypes,
    ApiHandler handler) {
  public static final String JSON = "application/json";
  public static final String MULTIPART = "multipart/form-data";

  public Route {
    Checks.notBlank(method, "method");
    Checks.notBlank(path, "path");
    Checks.notNull(access, "access");
    bodyTypes = Set.copyOf(bodyTypes);
    Checks.notNull(handler, "handler");
  }

  public static Route get(String path, Access access, ApiHandler handler) {
    return new Route("GET", path, access, Set.of(), handler);
  }

  public static Route delete(String path, Access access, ApiHandler handler) {
    return new Route("DELETE", path, access, Set.of(), handler);
  }

  public static Route post(String path, Access access, ApiHandler handler) {
    return new Route("POST", path, access, Set.of(JSON), handler);
  }

  public static Route put(String path, Access access, ApiHandler handler) {
    return new Route("PUT", path, access, Set.of(JSON), handler);
  }

  /** This route also taking multipart uploads. */
  public Route withUploads() {
    return new Route(method, path, access, Set.of(JSON, MULTIPART), handler);
  }
}
