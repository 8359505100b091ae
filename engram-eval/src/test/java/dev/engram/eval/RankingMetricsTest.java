package dev.engram.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

  @Test
  void should_give_one_when_ranking_is_ideal() {
    Map<String, Integer> qrels = Map.of("a", 2, "b", 1);
    assertThat(RankingMetrics.ndcg(List.of("a", "b", "c"), qrels, 10)).isEqualTo(1.0);
  }

  @Test
  void should_match_hand_computed_graded_ndcg_when_order_is_swapped() {
    // DCG = 1/log2(2) + 2/log2(3) = 1 + 1.26186 = 2.26186; IDCG = 2 + 1/log2(3) = 2.63093
    Map<String, Integer> qrels = Map.of("a", 2, "b", 1);
    assertThat(RankingMetrics.ndcg(List.of("b", "a"), qrels, 10)).isCloseTo(0.859719, within(1e-6));
  }

  @Test
  void should_count_unretrieved_relevant_in_ideal_when_computing_ndcg() {
    // one of two relevant found at rank 3: DCG = 1/log2(4) = 0.5; IDCG = 1 + 1/log2(3) = 1.63093
    Map<String, Integer> qrels = Map.of("a", 1, "z", 1);
    assertThat(RankingMetrics.ndcg(List.of("x", "y", "a"), qrels, 10)).isCloseTo(0.306574, within(1e-6));
  }

  @Test
  void should_ignore_hits_below_cutoff_and_zero_grades() {
    Map<String, Integer> qrels = Map.of("a", 1, "n", 0);
    assertThat(RankingMetrics.ndcg(List.of("n", "x", "a"), qrels, 2)).isZero();
    assertThat(RankingMetrics.recall(List.of("n", "x", "a"), qrels, 2)).isZero();
    assertThat(RankingMetrics.recall(List.of("n", "x", "a"), qrels, 3)).isEqualTo(1.0);
  }

  @Test
  void should_compute_reciprocal_rank_of_first_relevant() {
    Map<String, Integer> qrels = Map.of("c", 1, "d", 3);
    assertThat(RankingMetrics.reciprocalRank(List.of("a", "b", "c", "d"), qrels, 10)).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(RankingMetrics.reciprocalRank(List.of("a", "b", "c"), qrels, 2)).isZero();
  }

  @Test
  void should_compute_partial_recall() {
    Map<String, Integer> qrels = Map.of("a", 1, "b", 1, "c", 2, "d", 1);
    assertThat(RankingMetrics.recall(List.of("a", "x", "c"), qrels, 100)).isEqualTo(0.5);
  }

  @Test
  void should_report_nearest_rank_percentiles() {
    Latencies l = new Latencies();
    for (int i = 1; i <= 100; i++) l.add(i * 1_000_000L);
    assertThat(l.percentileMillis(50)).isEqualTo(50.0);
    assertThat(l.percentileMillis(95)).isEqualTo(95.0);
  }
}
