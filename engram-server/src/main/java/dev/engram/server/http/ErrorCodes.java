package dev.engram.server.http;

/** The ENGRAM-9xx codes of the HTTP server; the README's errors table lists them. */
public final class ErrorCodes {
  /** 400: the body is not JSON, or JSON of the wrong shape. */
  public static final String MALFORMED_JSON = "ENGRAM-900";
  /** 400: a field has the wrong type or is unknown. */
  public static final String BAD_FIELD = "ENGRAM-901";
  /** 400: a required field is missing. */
  public static final String MISSING_FIELD = "ENGRAM-902";
  /** 400: a query parameter does not parse. */
  public static final String BAD_PARAMETER = "ENGRAM-903";
  /** 401: no Authorization header. */
  public static final String NO_KEY = "ENGRAM-910";
  /** 401: the key is unknown or revoked. */
  public static final String BAD_KEY = "ENGRAM-911";
  /** 403: a tenant key on an admin route. */
  public static final String NOT_ADMIN = "ENGRAM-912";
  /** 403: the admin key on a tenant route. */
  public static final String ADMIN_ON_TENANT_ROUTE = "ENGRAM-913";
  /** 404: no key with this id. */
  public static final String UNKNOWN_KEY = "ENGRAM-914";
  /** 404: no route. */
  public static final String NO_ROUTE = "ENGRAM-915";
  /** 405: the route exists for other methods. */
  public static final String BAD_METHOD = "ENGRAM-916";
  /** 409: the request conflicts with the current state. */
  public static final String CONFLICT = "ENGRAM-917";
  /** 413: the body is over the limit. */
  public static final String TOO_LARGE = "ENGRAM-920";
  /** 415: a content type the route does not take. */
  public static final String UNSUPPORTED_MEDIA = "ENGRAM-921";
  /** 408: the client stalled before the body was complete. */
  public static final String SLOW_CLIENT = "ENGRAM-922";
  /** 503: starting or stopping. */
  public static final String NOT_READY = "ENGRAM-930";
  /** 500: a bug; the server log has the stack trace. */
  public static final String INTERNAL = "ENGRAM-950";

  private ErrorCodes() {}
}
