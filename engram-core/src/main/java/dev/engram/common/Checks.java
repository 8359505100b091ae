package dev.engram.common;

import java.util.Objects;

/** Argument checks that return their argument, so they can be used inline in constructors. */
public final class Checks {
  private Checks() {}

  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  public static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  public static int atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got: " + value);
    }
    return value;
  }

  /** {@code value}, when it is a finite number no less than {@code min} (NaN is refused). */
  public static double atLeast(double value, double min, String name) {
    if (!(value >= min) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          name + " must be a finite number >= " + min + ", got: " + value);
    }
    return value;
  }

  /** {@code value}, when it is greater than 0 (NaN is refused). */
  public static double positive(double value, String name) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be > 0, got: " + value);
    }
    return value;
  }

  public static double between(double value, double min, double max, String name) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "], got: " + value);
    }
    return value;
  }
}
