package dev.engram.retrieval;

import dev.engram.common.Checks;
import dev.engram.index.IndexHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a BM25 ranking and a vector ranking into one. Two methods, chosen by measurement on
 * SciFact ({@code engram eval retrieval}): reciprocal-rank fusion, and a convex combination of
 * min-max normalised scores, which published work (Bruch et al., 2023) finds better when tuned.
 *
 * @param method RRF or CONVEX
 * @param denseWeight for CONVEX, the weight of the vector score (the BM25 score gets 1 - w); for
 *     RRF, the weight of the vector ranking (0.5: both rankings count the same)
 * @param rrfK for RRF, the rank constant of {@link ReciprocalRankFusion}
 */
public record Fusion(Method method, double denseWeight, int rrfK) {

  /** How two rankings are merged. */
  public enum Method {
    RRF,
    CONVEX
  }

  /**
   * The rank constant when none is given: 60, the value of the RRF paper, not tuned here. On
   * SciFact train ({@code eval retrieval --sweep}) rrf:60 gave nDCG@10 0.7506 and rrf:10 0.7586,
   * on Cranfield 0.4137 and 0.4126: the constant hardly matters, and convex fusion beats both.
   */
  static final int PAPER_RRF_K = 60;
  /**
   * The default dense weight of convex fusion. SciFact train hybrid nDCG@10 by weight 0.3 / 0.4 /
   * 0.5 / 0.6 / 0.7 / 0.8: 0.7420 / 0.7541 / 0.7594 / 0.7649 / 0.7624 / 0.7650, Cranfield 0.3987 /
   * 0.4151 / 0.4211 / 0.4198 / 0.4183 / 0.4072 (README "Choosing the fusion"): 0.5-0.8 is a
   * plateau on both, and 0.6 sits in its middle. (That sweep used bge's query instruction, since
   * dropped; without it SciFact hybrid at 0.6 is 0.7678.)
   */
  static final double DEFAULT_DENSE_WEIGHT = 0.6;

  public Fusion {
    Checks.notNull(method, "method");
    Checks.between(denseWeight, 0, 1, "denseWeight");
    Checks.atLeast(rrfK, 1, "rrfK");
  }

  /** The default, picked on SciFact train: see README "Choosing the fusion". */
  public static Fusion defaults() {
    return new Fusion(Method.CONVEX, DEFAULT_DENSE_WEIGHT, PAPER_RRF_K);
  }

  public static Fusion rrf(int k) {
    return new Fusion(Method.RRF, 0.5, k);
  }

  public static Fusion convex(double denseWeight) {
    return new Fusion(Method.CONVEX, denseWeight, PAPER_RRF_K);
  }

  /** Fuses the two rankings (each best first) into candidates ordered by fused score. */
  List<Candidate> fuse(List<IndexHit> bm25, List<IndexHit> dense) {
    ReciprocalRankFusion rrf = new ReciprocalRankFusion(rrfK);
    Map<String, Entry> byId = new LinkedHashMap<>();
    double bm25Min = min(bm25), bm25Max = max(bm25);
    double denseMin = min(dense), denseMax = max(dense);
    for (IndexHit hit : bm25) {
      Entry e = byId.computeIfAbsent(hit.record().id(), id -> new Entry(hit));
      e.bm25 = hit.score();
      e.bm25Rank = hit.rank();
      e.fused += method == Method.RRF
          ? rrf.score(hit.rank(), (1 - denseWeight) * 2)
          : (1 - denseWeight) * normalise(hit.score(), bm25Min, bm25Max);
    }
    for (IndexHit hit : dense) {
      Entry e = byId.computeIfAbsent(hit.record().id(), id -> new Entry(hit));
      e.dense = hit.score();
      e.denseRank = hit.rank();
      e.fused += method == Method.RRF
          ? rrf.score(hit.rank(), denseWeight * 2)
          : denseWeight * normalise(hit.score(), denseMin, denseMax);
    }
    List<Candidate> out = new ArrayList<>(byId.size());
    for (Entry e : byId.values()) {
      out.add(new Candidate(e.hit.record(), new Scores(e.bm25, e.bm25Rank, e.dense, e.denseRank, e.fused)));
    }
    out.sort(Comparator.comparingDouble((Candidate c) -> c.scores().fused()).reversed());
    return out;
  }

  /** Wraps a single ranking (bm25 or dense mode) without fusing. */
  static List<Candidate> single(List<IndexHit> hits, boolean dense) {
    List<Candidate> out = new ArrayList<>(hits.size());
    for (IndexHit hit : hits) {
      Scores s = dense
          ? new Scores(0, -1, hit.score(), hit.rank(), hit.score())
          : new Scores(hit.score(), hit.rank(), 0, -1, hit.score());
      out.add(new Candidate(hit.record(), s));
    }
    return out;
  }

  private static double normalise(double score, double min, double max) {
    return max > min ? (score - min) / (max - min) : 1.0;
  }

  private static double min(List<IndexHit> hits) {
    double m = Double.POSITIVE_INFINITY;
    for (IndexHit h : hits) m = Math.min(m, h.score());
    return m;
  }

  private static double max(List<IndexHit> hits) {
    double m = Double.NEGATIVE_INFINITY;
    for (IndexHit h : hits) m = Math.max(m, h.score());
    return m;
  }

  private static final class Entry {
    final IndexHit hit;
    double bm25, dense, fused;
    int bm25Rank = -1, denseRank = -1;

    Entry(IndexHit hit) {
      this.hit = hit;
    }
  }
}
