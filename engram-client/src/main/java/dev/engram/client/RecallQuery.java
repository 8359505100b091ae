package dev.engram.client;

import java.time.Instant;
import java.util.Optional;

/** A recall: whose memory, the query, how many, what was true at a time, and with superseded ones. */
public record RecallQuery(Owner owner, String query, int topK, Optional<Instant> asOf,
    boolean includeHistory) {
  public RecallQuery {
    Checks.notNull(owner, "owner");
    Checks.notBlank(query, "query");
    Checks.positive(topK, "topK");
    Checks.notNull(asOf, "asOf");
  }

  /** Ten live memories of {@code owner} for {@code query}. */
  public static RecallQuery of(Owner owner, String query) {
    return new RecallQuery(owner, query, 10, Optional.empty(), false);
  }

  public RecallQuery withTopK(int k) {
    return new RecallQuery(owner, query, k, asOf, includeHistory);
  }

  public RecallQuery asOf(Instant time) {
    return new RecallQuery(owner, query, topK, Optional.of(time), includeHistory);
  }

  public RecallQuery withHistory() {
    return new RecallQuery(owner, query, topK, asOf, true);
  }
}
