package dev.engram.retrieval;

import dev.engram.Checks;
import dev.engram.embed.Embedder;
import dev.engram.index.Collection;
import dev.engram.index.IndexHit;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches the knowledge collection by BM25, by vector, or both fused, and returns cited hits.
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

  /** The top {@code request.k()} chunks, best first. */
  public List<SearchHit> search(SearchRequest request) {
    List<Candidate> ranked = switch (request.mode()) {
      case BM25 -> Fusion.single(bm25(request, request.k()), false);
      case DENSE -> Fusion.single(dense(request, request.k()), true);
      case HYBRID -> fusion.fuse(bm25(request, request.candidates()), dense(request, request.candidates()));
    };
    List<SearchHit> hits = new ArrayList<>(Math.min(request.k(), ranked.size()));
    for (Candidate c : ranked) {
      if (hits.size() == request.k()) {
        break;
      }
      hits.add(SearchHit.from(c.record(), c.scores()));
    }
    return hits;
  }

  private List<IndexHit> bm25(SearchRequest request, int depth) {
    return chunks.searchText(request.query(), request.filter(), depth);
  }

  private List<IndexHit> dense(SearchRequest request, int depth) {
    return chunks.searchVector(embedder.embedQuery(request.query()), request.filter(), depth);
  }
}
