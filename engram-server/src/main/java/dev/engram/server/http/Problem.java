package dev.engram.server.http;

import dev.engram.common.EngramException;
import dev.engram.common.InvalidInputException;
import dev.engram.common.ModelException;
import dev.engram.common.StorageException;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 9457 problem detail: the body of every error response, as {@code
 * application/problem+json}. {@code type} names the ENGRAM code as a URN so that clients can
 * switch on it; {@code detail} says what to fix.
 *
 * @param type {@code urn:engram:error:ENGRAM-xxx}
 * @param title the status's reason phrase
 * @param status the HTTP status
 * @param detail what went wrong and what to do
 * @param code the ENGRAM code
 * @param instance the request path
 * @param field the request field at fault, when one is
 */
public record Problem(String type, String title, int status, String detail, String code,
    String instance, Optional<String> field) {
  public static final String MEDIA_TYPE = "application/problem+json";

  private static final Map<Integer, String> TITLES = Map.ofEntries(
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"),
      Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(422, "Unprocessable Content"), Map.entry(500, "Internal Server Error"),
      Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"));

  public static Problem of(int status, String code, String detail, String instance,
      Optional<String> field) {
    return new Problem("urn:engram:error:" + code, TITLES.getOrDefault(status, "Error"), status,
        detail, code, instance, field);
  }

  /** The problem for an exception of the engine or of the HTTP layer. */
  public static Problem of(EngramException e, String instance) {
    Optional<String> field = e instanceof ApiException api ? api.field() : Optional.empty();
    return of(status(e), e.code(), e.getMessage(), instance, field);
  }

  /**
   * The status for an engine error: unknown ids are 404, input that parsed but makes no sense is
   * 422, a failing LLM endpoint is the gateway's fault (502, 504 on a timeout), anything else of
   * storage or the embedding model is the server's (500, 503 while the index cannot be written).
   */
  static int status(EngramException e) {
    if (e instanceof ApiException api) {
      return api.status();
    }
    String code = e.code();
    return switch (e) {
      case InvalidInputException i when code.equals("ENGRAM-404") || code.equals("ENGRAM-306") -> 404;
      case InvalidInputException i when code.equals("ENGRAM-201") -> 413;
      case InvalidInputException i when code.equals("ENGRAM-208") -> 415;
      case InvalidInputException i -> 422;
      case StorageException s when code.equals("ENGRAM-502") || code.equals("ENGRAM-503") -> 503;
      case ModelException m when code.equals("ENGRAM-604") -> 504;
      case ModelException m when code.startsWith("ENGRAM-6") -> 502;
      default -> 500;
    };
  }
}
