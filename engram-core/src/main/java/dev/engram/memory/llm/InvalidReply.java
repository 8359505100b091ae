package dev.engram.memory.llm;

import dev.engram.common.ModelException;

/**
 * A model reply that is not the JSON asked for: not JSON, the wrong shape, a value out of range,
 * or an index or id that does not exist. Callers fall back to the rules on it.
 */
final class InvalidReply {
  /** Code of a model reply that failed validation. */
  static final String CODE = "ENGRAM-620";

  private InvalidReply() {}

  static ModelException of(String what) {
    return new ModelException(CODE, "the chat model's reply is invalid: " + what);
  }
}
