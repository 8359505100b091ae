package dev.engram.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecallWeightsTest {
  @Test
  void should_equal_the_defaults_when_the_builder_changes_nothing() {
    assertThat(RecallWeights.builder().build()).isEqualTo(RecallWeights.defaults());
  }

  @Test
  void should_change_only_the_knobs_set_when_building() {
    RecallWeights w = RecallWeights.builder().rrfK(60).halfLifeDays(30).window(0).build();
    RecallWeights d = RecallWeights.defaults();
    assertThat(w.rrfK()).isEqualTo(60);
    assertThat(w.halfLifeDays()).isEqualTo(30);
    assertThat(w.window()).isZero();
    assertThat(w).isEqualTo(new RecallWeights(60, d.text(), d.dense(), d.memory(), d.support(),
        d.recency(), 30, d.importance(), 0, d.pool()));
  }

  @Test
  void should_set_every_knob_when_each_is_given() {
    RecallWeights w = RecallWeights.builder().rrfK(10).text(0.7).dense(0.9).memory(0.4)
        .support(0.3).recency(0.2).halfLifeDays(100).importance(0.3).window(2).pool(20).build();
    assertThat(w).isEqualTo(new RecallWeights(10, 0.7, 0.9, 0.4, 0.3, 0.2, 100, 0.3, 2, 20));
  }

  @Test
  void should_start_from_these_weights_when_using_to_builder() {
    RecallWeights w = RecallWeights.builder().pool(20).build().toBuilder().recency(0).build();
    assertThat(w.pool()).isEqualTo(20);
    assertThat(w.recency()).isZero();
  }

  @Test
  void should_refuse_when_the_half_life_is_zero() {
    assertThatThrownBy(() -> RecallWeights.builder().halfLifeDays(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("halfLifeDays must be > 0, got: 0.0");
  }

  @Test
  void should_refuse_when_the_half_life_is_negative_or_nan() {
    assertThatThrownBy(() -> RecallWeights.builder().halfLifeDays(-30).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("halfLifeDays must be > 0, got: -30.0");
    assertThatThrownBy(() -> RecallWeights.builder().halfLifeDays(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("halfLifeDays must be > 0, got: NaN");
  }

  @Test
  void should_refuse_when_a_weight_is_negative_or_nan() {
    assertThatThrownBy(() -> RecallWeights.builder().text(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("text must be");
    assertThatThrownBy(() -> RecallWeights.builder().dense(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("dense must be");
    assertThatThrownBy(() -> RecallWeights.builder().memory(Double.POSITIVE_INFINITY).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("memory must be");
    assertThatThrownBy(() -> RecallWeights.builder().support(-0.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("support must be");
    assertThatThrownBy(() -> RecallWeights.builder().rrfK(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("rrfK must be");
  }

  @Test
  void should_refuse_when_a_share_is_outside_zero_to_one_or_a_count_too_small() {
    assertThatThrownBy(() -> RecallWeights.builder().recency(1.5).build())
        .hasMessage("recency must be in [0.0, 1.0], got: 1.5");
    assertThatThrownBy(() -> RecallWeights.builder().importance(-0.1).build())
        .hasMessage("importance must be in [0.0, 1.0], got: -0.1");
    assertThatThrownBy(() -> RecallWeights.builder().window(-1).build())
        .hasMessage("window must be >= 0, got: -1");
    assertThatThrownBy(() -> RecallWeights.builder().pool(0).build())
        .hasMessage("pool must be >= 1, got: 0");
  }
}
