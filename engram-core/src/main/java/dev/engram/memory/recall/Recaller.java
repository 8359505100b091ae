package dev.engram.memory.recall;

import dev.engram.embed.Embedder;
import dev.engram.index.Filter;
import dev.engram.index.IndexHit;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.recall.RecallScorer.Search;
import dev.engram.memory.store.EpisodeLog;
import dev.engram.memory.store.Fields;
import dev.engram.memory.store.MemoryLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Hybrid recall over memories and messages of one scope. Four searches (BM25 and vector, on
 * memories and on messages) are scored by {@link RecallScorer}; the results are then taken best
 * first by {@link Selection}, skipping any that covers only messages already covered. A message is
 * shown with its neighbours ({@link Windows}); a memory taken from one message is shown with that
 * window under its own text, and stands for the message in the results.
 */
public final class Recaller {
  /**
   * Provenance longer than this covers no evidence (a summary, a merged memory). Not measured;
   * chosen by hand: a memory from up to three messages still points at what was said, and the
   * LoCoMo eval counts evidence covered by the same rule.
   */
  public static final int MAX_COVERING_PROVENANCE = 3;

  private final EpisodeLog episodes;
  private final MemoryLog memories;
  private final Embedder embedder;
  private final Clock clock;
  private final RecallWeights w;
  private final Windows windows;

  public Recaller(EpisodeLog episodes, MemoryLog memories, Embedder embedder, Clock clock,
      RecallWeights weights) {
    this.episodes = episodes;
    this.memories = memories;
    this.embedder = embedder;
    this.clock = clock;
    this.w = weights;
    this.windows = new Windows(episodes, weights.window());
  }

  /** The best results for {@code q}, at most {@code q.k()}. */
  public List<RecalledMemory> recall(RecallQuery q) {
    float[] vector = embedder.embedQuery(q.query());
    Instant now = q.asOf().orElse(clock.instant());
    Filter scope = Fields.of(q.scope());
    // Closed memories are searched too, though shown only with history: the messages they came
    // from now tell something no longer true, and rank below what replaced it.
    Filter memFilter = q.asOf()
        .map(t -> scope.andRange(Fields.VALID_FROM, Long.MIN_VALUE, t.toEpochMilli()))
        .orElse(scope);
    Filter epiFilter = q.asOf().map(t -> scope.andRange("eventTime", Long.MIN_VALUE, t.toEpochMilli()))
        .orElse(scope);
    int n = Math.max(w.pool(), 3 * q.k()); // 3 k: not measured; chosen by hand

    RecallScorer scorer = new RecallScorer(w, q);
    String words = QueryWords.forText(q.query());
    addMemories(scorer, memories.collection().searchText(words, memFilter, n), Search.TEXT);
    addMemories(scorer, memories.collection().searchVector(vector, memFilter, n), Search.VECTOR);
    addEpisodes(scorer, episodes.collection().searchText(words, epiFilter, n), Search.TEXT);
    addEpisodes(scorer, episodes.collection().searchVector(vector, epiFilter, n), Search.VECTOR);
    return new Selection(q, episodes, windows).select(scorer.scored(now));
  }

  private static void addMemories(RecallScorer scorer, List<IndexHit> hits, Search search) {
    for (IndexHit hit : hits) {
      scorer.add(new MemoryUnit(MemoryLog.fromRecord(hit.record())), hit.rank(), search);
    }
  }

  private static void addEpisodes(RecallScorer scorer, List<IndexHit> hits, Search search) {
    for (IndexHit hit : hits) {
      scorer.add(new EpisodeUnit(EpisodeLog.fromRecord(hit.record())), hit.rank(), search);
    }
  }
}
