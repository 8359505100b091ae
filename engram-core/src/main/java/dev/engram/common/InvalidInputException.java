package dev.engram.common;

/** Input that Engram refuses: a bad path, a malformed file, an empty query, an unknown id. */
public final class InvalidInputException extends EngramException {
  public InvalidInputException(String code, String message) {
    super(code, message);
  }

  public InvalidInputException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
