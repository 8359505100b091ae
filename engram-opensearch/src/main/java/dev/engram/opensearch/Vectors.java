package dev.engram.opensearch;

/** Checks a vector before OpenSearch sees it: its own errors would not say which record. */
final class Vectors {
  private Vectors() {}

  static void check(float[] vector, int dimension, String what) {
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
      // Cosine similarity is undefined for a zero vector; OpenSearch would reject it mid-bulk.
      throw new IllegalArgumentException(what + " is all zeros; cosine needs a non-zero vector");
    }
  }
}
