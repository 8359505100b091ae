package dev.engram.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionTest {

  private static List<IndexHit> ranking(Object... idsAndScores) {
    List<IndexHit> hits = new ArrayList<>();
    for (int i = 0; i < idsAndScores.length; i += 2) {
      IndexRecord r = new IndexRecord((String) idsAndScores[i], "", new float[0], Map.of(), Map.of());
      hits.add(new IndexHit(r, ((Number) idsAndScores[i + 1]).floatValue(), i / 2));
    }
    return hits;
  }

  @Test
  void should_sum_reciprocal_ranks_when_using_rrf() {
    List<Candidate> fused = Fusion.rrf(60).fuse(ranking("a", 9, "b", 5), ranking("b", 0.9, "c", 0.8));
    assertThat(fused).extracting(c -> c.record().id()).containsExactly("b", "a", "c");
    assertThat(fused.getFirst().scores().fused()).isCloseTo(1 / 62.0 + 1 / 61.0, within(1e-9));
    assertThat(fused.getFirst().scores().bm25Rank()).isEqualTo(1);
    assertThat(fused.getFirst().scores().denseRank()).isZero();
  }

  @Test
  void should_weight_normalised_scores_when_using_convex_combination() {
    // bm25 normalised: a=1, b=0.5, x=0; dense normalised: b=1, c=0
    List<Candidate> fused = Fusion.convex(0.7)
        .fuse(ranking("a", 10, "b", 6, "x", 2), ranking("b", 0.9, "c", 0.5));
    assertThat(fused).extracting(c -> c.record().id()).containsExactly("b", "a", "x", "c");
    assertThat(fused.get(0).scores().fused()).isCloseTo(0.3 * 0.5 + 0.7, within(1e-9));
    assertThat(fused.get(1).scores().fused()).isCloseTo(0.3, within(1e-9));
    assertThat(fused.get(1).scores().denseScore()).isEmpty();
  }

  @Test
  void should_keep_single_list_order_when_other_list_is_empty() {
    List<Candidate> fused = Fusion.defaults().fuse(ranking("a", 3, "b", 2), List.of());
    assertThat(fused).extracting(c -> c.record().id()).containsExactly("a", "b");
  }
}
