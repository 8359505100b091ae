package dev.engram.common;


/**
 * The embedding model and dimension of an index's vectors. An index refuses to open with a
 * different one, so vectors of two models are never mixed.
 */
public record VectorSpace(String model, int dimension) {
  public VectorSpace {
    Checks.notBlank(model, "model");
    Checks.atLeast(dimension, 1, "dimension");
  }
}
