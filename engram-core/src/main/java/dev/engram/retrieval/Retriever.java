package dev.engram.retrieval;

import dev.engram.common.Alongside;
import dev.engram.common.Checks;
import dev.engram.common.Scope;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.embed.Embedder;
import dev.engram.index.Collection;
import dev.engram.index.DeferredRecords;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches the knowledge collection by BM25, by vector, or both fused, and returns cited hits.
 * Over a collection that defers records ({@link DeferredRecords}), only the returned hits' records
 * are read, not those of every candidate fused. Thread-safe.
 */
public final class Retriever {
  private final Collection chunks;
  private final Embedder embedder;
  private final Fusion fusion;

  public Retriever(Collection chunks, Embedder embedder, Fusion fusion) {
    this.chunks = Checks.notNull(chunks, "chunks");
    this.embedder = Checks.notNull(embedder, "embedder");
    this.fusion = Checks.notNull(fusion, "fusion");
  }

  /**
   * The top {@code request.k()} chunks of the scope's knowledge bases, best first. The scope's
   * tenant and knowledge bases filter the search before anything else; the request's own filter
   * narrows it further and can never widen it.
   */
  public List<SearchHit> search(Scope scope, SearchRequest request) {
    Checks.notNull(request, "request");
    SearchRequest scoped = request.withFilter(
        KnowledgeRecords.filter(Checks.notNull(scope, "scope")).and(request.filter()));
    List<Candidate> ranked = switch (scoped.mode()) {
      case BM25 -> Fusion.single(bm25(scoped, scoped.k()), false);
      case DENSE -> Fusion.single(dense(scoped, scoped.k()), true);
      case HYBRID -> hybrid(scoped);
    };
    if (chunks instanceof DeferredRecords deferred) {
      return read(deferred, ranked, request.k());
    }
    List<SearchHit> hits = new ArrayList<>(Math.min(request.k(), ranked.size()));
    for (Candidate c : ranked) {
      if (hits.size() == request.k()) {
        break;
      }
      hits.add(SearchHit.from(c.record(), c.scores()));
    }
    return hits;
  }

  /**
   * The top {@code k} of id-only candidates with their records read: in one read, and again for
   * the next candidates only when some were deleted since the search.
   */
  private static List<SearchHit> read(DeferredRecords deferred, List<Candidate> ranked, int k) {
    List<SearchHit> hits = new ArrayList<>(Math.min(k, ranked.size()));
    int next = 0;
    while (hits.size() < k && next < ranked.size()) {
      List<Candidate> batch = ranked.subList(next, Math.min(ranked.size(), next + k - hits.size()));
      next += batch.size();
      Map<String, IndexRecord> byId = new HashMap<>();
      for (IndexRecord r : deferred.records(batch.stream().map(c -> c.record().id()).toList())) {
        byId.put(r.id(), r);
      }
      for (Candidate c : batch) {
        IndexRecord r = byId.get(c.record().id());
        if (r != null) {
          hits.add(SearchHit.from(r, c.scores()));
        }
      }
    }
    return hits;
  }

  /**
   * Runs BM25 on a virtual thread while the query is embedded and the vector search runs here:
   * the two halves take about the same time, and a query has both cores to itself.
   */
  private List<Candidate> hybrid(SearchRequest request) {
    return Alongside.run("engram-bm25", () -> bm25(request, request.candidates()),
        () -> dense(request, request.candidates()), fusion::fuse);
  }

  private List<IndexHit> bm25(SearchRequest request, int depth) {
    return chunks instanceof DeferredRecords deferred
        ? deferred.searchTextIds(request.query(), request.filter(), depth)
        : chunks.searchText(request.query(), request.filter(), depth);
  }

  private List<IndexHit> dense(SearchRequest request, int depth) {
    float[] query = embedder.embedQuery(request.query());
    return chunks instanceof DeferredRecords deferred
        ? deferred.searchVectorIds(query, request.filter(), depth)
        : chunks.searchVector(query, request.filter(), depth);
  }
}
