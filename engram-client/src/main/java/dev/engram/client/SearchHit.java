package dev.engram.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cited search hit: the chunk, its document (and the JSONL record's own {@code _id} as
 * {@code externalId}, empty for files), the span {@code [start, end)} of the document's
 * text, the section path, the page (0 when the source has none), the scores and the metadata the
 * document was added with (empty from a server that does not send it).
 */
public record SearchHit(String chunkId, String documentId, String externalId, String kb, String title, String source,
    String text, int start, int end, List<String> section, int page, Scores scores,
    Map<String, String> metadata) {
  public SearchHit {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** The fused score and, when the hit came from them, BM25 and dense scores with ranks from 1. */
  public record Scores(Optional<Double> bm25, Optional<Integer> bm25Rank, Optional<Double> dense,
      Optional<Integer> denseRank, double fused) {}
}
