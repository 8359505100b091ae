package dev.engram.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One recalled memory (or past message) with its score, times and provenance. */
public record RecalledMemory(String id, String memory, String kind, double score, Scores scores,
    Instant eventTime, Instant validFrom, Optional<Instant> validTo, List<String> provenance) {
  /** The score's parts: text and dense relevance, fused relevance, recency and importance. */
  public record Scores(double text, double dense, double relevance, double recency, double importance) {}
}
