package dev.engram.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {
  @Test
  void should_return_the_value_when_it_is_positive() {
    assertThat(Checks.positive(0.5, "halfLife")).isEqualTo(0.5);
    assertThat(Checks.positive(Double.POSITIVE_INFINITY, "halfLife")).isInfinite();
  }

  @Test
  void should_refuse_when_a_positive_value_is_zero_negative_or_nan() {
    assertThatThrownBy(() -> Checks.positive(0, "halfLife"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("halfLife must be > 0, got: 0.0");
    assertThatThrownBy(() -> Checks.positive(-1, "halfLife")).hasMessageContaining("got: -1.0");
    assertThatThrownBy(() -> Checks.positive(Double.NaN, "halfLife")).hasMessageContaining("got: NaN");
  }

  @Test
  void should_refuse_when_a_double_is_below_the_minimum_infinite_or_nan() {
    assertThat(Checks.atLeast(0.0, 0, "weight")).isZero();
    assertThatThrownBy(() -> Checks.atLeast(-0.1, 0, "weight"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight must be a finite number >= 0.0, got: -0.1");
    assertThatThrownBy(() -> Checks.atLeast(Double.NaN, 0, "weight")).hasMessageContaining("NaN");
    assertThatThrownBy(() -> Checks.atLeast(Double.POSITIVE_INFINITY, 0, "weight"))
        .hasMessageContaining("Infinity");
  }
}
