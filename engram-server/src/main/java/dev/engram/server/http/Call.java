package dev.engram.server.http;

import dev.engram.server.auth.Caller;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * One request as a handler sees it: the caller, path and query parameters, and the body read
 * within its limit and parsed strictly.
 */
public final class Call {
  private final Context ctx;
  private final Caller caller;
  private final long maxJsonBytes;

  public Call(Context ctx, Caller caller, long maxJsonBytes) {
    this.ctx = ctx;
    this.caller = caller;
    this.maxJsonBytes = maxJsonBytes;
  }

  public Context context() {
    return ctx;
  }

  public Caller caller() {
    return caller;
  }

  /** The tenant of the key; only tenant routes call this. */
  public String tenant() {
    return caller.tenant().orElseThrow();
  }

  public String path(String name) {
    return ctx.pathParam(name);
  }

  /** True when the body is a multipart upload. */
  public boolean isMultipart() {
    return mediaType().equals(Route.MULTIPART);
  }

  /** The body's media type without parameters, lower case; empty when none was sent. */
  public String mediaType() {
    String type = ctx.contentType();
    if (type == null) {
      return "";
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /** The JSON body as {@code type}, read up to the JSON limit. */
  public <T> T body(Class<T> type) {
    return Json.read(bytes(maxJsonBytes), type);
  }

  /**
   * The raw body, refused with 413 past {@code limit} bytes, whether or not the client sent a
   * Content-Length.
   */
  public byte[] bytes(long limit) {
    long declared = ctx.contentLength();
    if (declared > limit) {
      throw tooLarge(declared, limit);
    }
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        throw tooLarge(-1, limit);
      }
      return body;
    } catch (IOException e) {
      if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
        throw new ApiException(408, ErrorCodes.SLOW_CLIENT, "the client stopped sending the body"
            + " before it was complete (" + e.getCause().getMessage() + "): send it again, whole");
      }
      throw new ApiException(400, ErrorCodes.MALFORMED_JSON,
          "the request body could not be read (" + e.getMessage() + "): send it again");
    }
  }

  static ApiException tooLarge(long size, long limit) {
    return new ApiException(413, ErrorCodes.TOO_LARGE, "the request body is "
        + (size < 0 ? "over" : size + " bytes, over") + " the limit of " + limit
        + " bytes: send less (large documents go as multipart uploads, up to the upload limit)");
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** An integer query parameter within [min, max], else 400 naming it. */
  public int intQuery(String name, int fallback, int min, int max) {
    Optional<String> raw = query(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.get());
      if (v < min || v > max) {
        throw badParameter(name, "must be between " + min + " and " + max + ", got: " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw badParameter(name, "must be an integer, got: " + raw.get());
    }
  }

  /** A boolean query parameter ({@code true} or {@code false}), else 400 naming it. */
  public boolean boolQuery(String name) {
    Optional<String> raw = query(name);
    if (raw.isEmpty()) {
      return false;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw badParameter(name, "must be true or false, got: " + raw.get());
    };
  }

  public static ApiException badParameter(String name, String what) {
    return new ApiException(400, ErrorCodes.BAD_PARAMETER, "query parameter '" + name + "' " + what,
        Optional.of(name));
  }

  /** A required body field, else 400 naming it. */
  public static <T> T required(Optional<T> value, String field) {
    return value.orElseThrow(() -> new ApiException(400, ErrorCodes.MISSING_FIELD,
        "field '" + field + "' is required", Optional.of(field)));
  }
}
