package dev.engram.client;

import java.util.Optional;

/**
 * A call that failed: the server's problem reply (status, ENGRAM code, title, detail and the field
 * at fault), or no reply at all (status 0: the server could not be reached, or did not answer in
 * time; code {@value #UNREACHABLE} or {@value #TIMEOUT}).
 */
public final class EngramClientException extends RuntimeException {
  /** No connection to the server. */
  public static final String UNREACHABLE = "ENGRAM-940";
  /** No reply within the client's timeout. */
  public static final String TIMEOUT = "ENGRAM-941";
  /** A reply that is not the API's JSON (another service on that port, a proxy's error page). */
  public static final String BAD_REPLY = "ENGRAM-942";

  private final int status;
  private final String code;
  private final String title;
  private final String detail;
  private final Optional<String> field;

  EngramClientException(int status, String code, String title, String detail, Optional<String> field,
      Throwable cause) {
    super(code + " " + (status > 0 ? "(" + status + " " + title + ") " : "") + detail
        + field.map(f -> " [field " + f + "]").orElse(""), cause);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.field = field;
  }

  /** The HTTP status, or 0 when no reply came. */
  public int status() {
    return status;
  }

  /** The ENGRAM code, e.g. {@code ENGRAM-901}. */
  public String code() {
    return code;
  }

  /** The status's reason phrase, e.g. {@code Bad Request}; empty when no reply came. */
  public String title() {
    return title;
  }

  /** What went wrong and what to do, in the server's words. */
  public String detail() {
    return detail;
  }

  /** The request field at fault, when the server named one. */
  public Optional<String> field() {
    return field;
  }
}
