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

  /**
   * Checks a vector before a backend indexes or searches it, so that the error says which record
   * it was ({@code what}); an empty vector (a record without one) passes.
   *
   * @throws IllegalArgumentException when the dimension is wrong, a value is not finite, or every
   *     value is zero (cosine is undefined for it: Lucene's HNSW graph would be poisoned, and
   *     OpenSearch rejects it in the middle of a bulk)
   */
  public static void checkIndexable(float[] vector, int dimension, String what) {
    if (vector.length == 0) {
      return;
    }
    if (vector.length != dimension) {
      throw new IllegalArgumentException(what + " has " + vector.length
          + " dimensions but this index holds " + dimension + "-dimensional vectors");
    }
    boolean nonZero = false;
    for (float x : vector) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException(what + " has a non-finite value: " + x);
      }
      nonZero |= x != 0;
    }
    if (!nonZero) {
      throw new IllegalArgumentException(what + " is all zeros; cosine needs a non-zero vector");
    }
  }
}
