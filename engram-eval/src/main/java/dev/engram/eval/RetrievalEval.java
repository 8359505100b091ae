package dev.engram.eval;

import dev.engram.common.Checks;
import dev.engram.index.Filter;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchMode;
import dev.engram.retrieval.SearchRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Set;

/**
 * Runs every judged query of a BEIR dataset against an ingested index and scores the document
 * rankings. Chunks are mapped to their documents (by the corpus {@code _id}), each document ranked at its best chunk. Quality
 * comes from a deep search (enough chunks for 100 documents); latency from a second pass with the
 * everyday request (top 10), timed end to end including the query embedding.
 */
public final class RetrievalEval {
  /** Chunks fetched per query so that about 100 distinct documents remain after grouping. */
  private static final int DEEP_CHUNKS = 300;

  private final Function<SearchRequest, List<SearchHit>> search;

  /** An evaluation of {@code search}: a scoped search with the fusion under test. */
  public RetrievalEval(Function<SearchRequest, List<SearchHit>> search) {
    this.search = Checks.notNull(search, "search");
  }

  /** Scores one mode over every query of the dataset. */
  public ModeResult run(BeirDataset dataset, SearchMode mode) {
    double ndcg = 0, recall = 0, mrr = 0;
    int n = 0;
    for (Map.Entry<String, String> q : dataset.queries().entrySet()) {
      List<String> docs = documentRanking(search(q.getValue(), mode, DEEP_CHUNKS), 100);
      Map<String, Integer> judged = dataset.qrels().get(q.getKey());
      ndcg += RankingMetrics.ndcg(docs, judged, 10);
      recall += RankingMetrics.recall(docs, judged, 100);
      mrr += RankingMetrics.reciprocalRank(docs, judged, 10);
      n++;
    }
    Latencies latencies = new Latencies();
    for (String query : dataset.queries().values()) {
      long t0 = System.nanoTime();
      search(query, mode, 10);
      latencies.add(System.nanoTime() - t0);
    }
    return new ModeResult(mode, n, ndcg / n, recall / n, mrr / n,
        latencies.percentileMillis(50), latencies.percentileMillis(95));
  }

  private List<SearchHit> search(String query, SearchMode mode, int k) {
    SearchRequest request = new SearchRequest(
        query, k, mode, Filter.all(), SearchRequest.defaultCandidates(k));
    return search.apply(request);
  }

  /**
   * Documents in the order of their best chunk, at most {@code k}, each named by the id the
   * qrels use: its corpus {@code _id} (the external id), or its document id when it has none.
   */
  static List<String> documentRanking(List<SearchHit> hits, int k) {
    Set<String> docs = new LinkedHashSet<>();
    for (SearchHit hit : hits) {
      if (docs.size() == k) break;
      docs.add(hit.externalId().isEmpty() ? hit.documentId() : hit.externalId());
    }
    return new ArrayList<>(docs);
  }

  /**
   * The figures of one mode.
   *
   * @param queries number of queries scored
   * @param p50Millis median latency of a top-10 search, query embedding included
   * @param p95Millis 95th percentile of the same
   */
  public record ModeResult(
      SearchMode mode, int queries, double ndcg10, double recall100, double mrr10,
      double p50Millis, double p95Millis) {}
}
