package dev.engram.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranking metrics as trec_eval defines them (and BEIR reports them): nDCG with graded gains and
 * a log2(rank + 1) discount over the ideal ordering of every judged-relevant document, recall of
 * the judged-relevant documents, and the reciprocal rank of the first relevant one. Documents
 * judged 0 or unjudged are not relevant.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** nDCG@k of a ranking (document ids, best first) against graded judgements. */
  public static double ndcg(List<String> ranking, Map<String, Integer> judgements, int k) {
    double dcg = 0;
    Set<String> seen = new HashSet<>();
    int rank = 0;
    for (String id : ranking) {
      if (rank == k) break;
      if (!seen.add(id)) continue; // a document counts once, at its best rank
      int gain = Math.max(0, judgements.getOrDefault(id, 0));
      dcg += gain / log2(rank + 2);
      rank++;
    }
    List<Integer> ideal = new ArrayList<>();
    for (int g : judgements.values()) {
      if (g > 0) ideal.add(g);
    }
    ideal.sort((a, b) -> b - a);
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** The share of judged-relevant documents found in the top k. */
  public static double recall(List<String> ranking, Map<String, Integer> judgements, int k) {
    long relevant = judgements.values().stream().filter(g -> g > 0).count();
    if (relevant == 0) return 0;
    Set<String> found = new HashSet<>();
    for (String id : ranking.subList(0, Math.min(k, ranking.size()))) {
      if (judgements.getOrDefault(id, 0) > 0) found.add(id);
    }
    return (double) found.size() / relevant;
  }

  /** 1 / rank of the first relevant document within the top k, or 0. */
  public static double reciprocalRank(List<String> ranking, Map<String, Integer> judgements, int k) {
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (judgements.getOrDefault(ranking.get(i), 0) > 0) return 1.0 / (i + 1);
    }
    return 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
