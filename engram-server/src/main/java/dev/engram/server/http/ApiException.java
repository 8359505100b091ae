package dev.engram.server.http;

import dev.engram.common.EngramException;
import java.util.Optional;

/**
 * An error of the HTTP layer itself (a malformed body, a missing key, a body over the limit),
 * with the status it is answered with and, when one field is at fault, its name.
 */
public final class ApiException extends EngramException {
  private final int status;
  private final Optional<String> field;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Optional.empty());
  }

  public ApiException(int status, String code, String message, Optional<String> field) {
    super(code, message);
    this.status = status;
    this.field = field;
  }

  /** A 400 naming the field at fault. */
  public static ApiException badField(String code, String field, String message) {
    return new ApiException(400, code, message, Optional.of(field));
  }

  public int status() {
    return status;
  }

  public Optional<String> field() {
    return field;
  }
}
