package dev.engram.common;

/** Arithmetic on embedding vectors. */
public final class Vectors {
  private Vectors() {}

  /**
   * The dot product of {@code a} and {@code b}; for the unit vectors an embedder returns, their
   * cosine similarity. Each product is taken in float and summed in double, as Engram always has,
   * so that similarities, and the decisions taken on them, do not move by a rounding.
   */
  public static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors must have the same length, got: " + a.length + " and " + b.length);
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
