package dev.engram.common;

/**
 * Root of every error Engram reports. Each carries a stable code ({@code ENGRAM-xxx}) and a
 * message that says what to do about it.
 */
public class EngramException extends RuntimeException {
  private final String code;

  public EngramException(String code, String message) {
    super(message);
    this.code = code;
  }

  public EngramException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable error code, for example {@code ENGRAM-101}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
