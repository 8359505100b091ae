package dev.engram.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {
  @Test
  void should_give_one_over_k_plus_one_when_the_hit_is_first() {
    assertThat(new ReciprocalRankFusion(60).score(0)).isEqualTo(1 / 61.0);
    assertThat(new ReciprocalRankFusion(8).score(0)).isEqualTo(1 / 9.0);
  }

  @Test
  void should_scale_by_the_weight_when_a_ranking_is_weighted() {
    assertThat(new ReciprocalRankFusion(8).score(2, 0.5)).isEqualTo(0.5 / 11);
  }

  @Test
  void should_decrease_with_rank_when_k_is_fixed() {
    ReciprocalRankFusion rrf = new ReciprocalRankFusion(8);
    assertThat(rrf.score(0)).isGreaterThan(rrf.score(1));
    assertThat(rrf.score(1)).isGreaterThan(rrf.score(49));
  }

  @Test
  void should_favour_the_top_rank_more_when_k_is_small() {
    double small = new ReciprocalRankFusion(8).score(0) / new ReciprocalRankFusion(8).score(9);
    double large = new ReciprocalRankFusion(60).score(0) / new ReciprocalRankFusion(60).score(9);
    assertThat(small).isGreaterThan(large);
  }

  @Test
  void should_compute_as_the_copies_it_replaces_did_when_given_int_or_double_constants() {
    // Fusion, Recaller and DistilledMemories each had their own expression; results must not
    // move by a rounding.
    for (int rank = 0; rank < 200; rank++) {
      double weight = (1 - 0.5) * 2;
      assertThat(new ReciprocalRankFusion(60).score(rank, weight))
          .isEqualTo(weight / (60 + rank + 1.0));
      assertThat(new ReciprocalRankFusion(8.0).score(rank, 0.5)).isEqualTo(0.5 / (8.0 + rank + 1));
      assertThat(new ReciprocalRankFusion(60).score(rank)).isEqualTo(1.0 / (60 + rank + 1));
    }
  }

  @Test
  void should_refuse_when_k_is_negative_or_not_a_number() {
    assertThatThrownBy(() -> new ReciprocalRankFusion(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be a finite number >= 0.0, got: -1.0");
    assertThatThrownBy(() -> new ReciprocalRankFusion(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_refuse_when_the_rank_is_negative() {
    assertThatThrownBy(() -> new ReciprocalRankFusion(60).score(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rank must be >= 0, got: -1");
  }
}
