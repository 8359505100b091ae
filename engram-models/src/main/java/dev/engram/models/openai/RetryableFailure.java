package dev.engram.models.openai;

import dev.engram.common.ModelException;

/**
 * A failed try that another try may fix (connection error, 429, 5xx), carrying the error to
 * report if no retry is left. Checked, so every path that can raise it is visible.
 */
final class RetryableFailure extends Exception {
  private final ModelException failure;

  RetryableFailure(ModelException failure) {
    super(failure.getMessage(), failure, false, false);
    this.failure = failure;
  }

  ModelException failure() {
    return failure;
  }

  /** The error to throw once {@code attempts} tries have failed. */
  ModelException failureAfter(int attempts) {
    if (attempts == 1) {
      return failure;
    }
    return new ModelException(
        failure.code(), failure.getMessage() + " (gave up after " + attempts + " attempts)",
        failure.getCause() == null ? failure : failure.getCause());
  }
}
