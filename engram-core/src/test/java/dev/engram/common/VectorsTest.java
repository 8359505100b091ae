package dev.engram.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorsTest {
  @Test
  void should_name_the_record_when_a_vector_cannot_be_indexed() {
    Vectors.checkIndexable(new float[0], 3, "record a");
    Vectors.checkIndexable(new float[] {0, 1, 0}, 3, "record a");

    assertThatThrownBy(() -> Vectors.checkIndexable(new float[] {1, 0}, 3, "record b"))
        .hasMessageContaining("record b has 2 dimensions").hasMessageContaining("3-dimensional");
    assertThatThrownBy(() -> Vectors.checkIndexable(new float[] {1, Float.NaN, 0}, 3, "record c"))
        .hasMessageContaining("record c has a non-finite value");
    assertThatThrownBy(() -> Vectors.checkIndexable(new float[3], 3, "query vector"))
        .hasMessageContaining("query vector is all zeros");
  }

  @Test
  void should_sum_the_products_when_two_vectors_have_the_same_length() {
    assertThat(Vectors.dot(new float[] {1, 2, 3}, new float[] {4, -5, 6})).isEqualTo(12.0);
  }

  @Test
  void should_be_zero_when_the_vectors_are_empty() {
    assertThat(Vectors.dot(new float[0], new float[0])).isZero();
  }

  @Test
  void should_give_one_when_a_unit_vector_meets_itself() {
    float[] v = unit(new Random(42), 384);
    assertThat(Vectors.dot(v, v)).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void should_multiply_in_float_and_sum_in_double_when_computing_the_dot_product() {
    // The loop Engram used before the helper: its similarities must not move by a rounding.
    Random random = new Random(7);
    for (int round = 0; round < 100; round++) {
      float[] a = unit(random, 384);
      float[] b = unit(random, 384);
      double expected = 0;
      for (int i = 0; i < a.length; i++) {
        expected += a[i] * b[i];
      }
      assertThat(Vectors.dot(a, b)).isEqualTo(expected);
    }
  }

  @Test
  void should_refuse_when_the_lengths_differ() {
    assertThatThrownBy(() -> Vectors.dot(new float[3], new float[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vectors must have the same length, got: 3 and 4");
  }

  private static float[] unit(Random random, int dims) {
    float[] v = new float[dims];
    double norm = 0;
    for (int i = 0; i < dims; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dims; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
