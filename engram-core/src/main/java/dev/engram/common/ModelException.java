package dev.engram.common;

/** A failure of a model behind a seam: the embedder, or a chat endpoint. */
public final class ModelException extends EngramException {
  public ModelException(String code, String message) {
    super(code, message);
  }

  public ModelException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
