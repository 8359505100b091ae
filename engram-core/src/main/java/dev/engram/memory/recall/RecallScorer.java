package dev.engram.memory.recall;

import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.Scores;
import dev.engram.retrieval.ReciprocalRankFusion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores the units of one recall. The ranks of the searches (BM25 and vector, on memories and on
 * messages) are fused by reciprocal rank into a relevance; a memory and the messages it came from
 * lend each other part of theirs; a message said by a person the query names weighs more, and one
 * whose memory was superseded less, and a question put to Engram and its answer less than what was said. The relevance, normalised to the best, is then weighted by
 * recency and importance. Add every rank first, then call {@link #scored} once.
 */
final class RecallScorer {
  /**
   * Relevance factor of a message said by a person the query names ("What did Caroline ...").
   * Came with commit 0d20f29, whose four changes together (with RRF k 8, BM25 without question
   * words and sliding windows) took LoCoMo evidence recall@10 from 0.7816 to 0.8316; its own
   * share was not measured apart.
   */
  static final double SPEAKER = 1.2;
  /**
   * Score factor of a message whose memory was superseded: it tells what is no longer true. Not
   * measured; chosen by hand.
   */
  static final double OUTDATED = 0.5;

  /** Which search a rank comes from. */
  enum Search {
    TEXT,
    VECTOR
  }

  private final RecallWeights w;
  private final RecallQuery q;
  private final ReciprocalRankFusion rrf;
  private final Map<String, Fused> units = new LinkedHashMap<>();
  private boolean scored;

  RecallScorer(RecallWeights weights, RecallQuery query) {
    this.w = weights;
    this.q = query;
    this.rrf = new ReciprocalRankFusion(weights.rrfK());
  }

  /** Credits {@code unit} with its 0-based {@code rank} in one search. */
  void add(Unit unit, int rank, Search search) {
    double weight = (search == Search.TEXT ? w.text() : w.dense())
        * (unit instanceof MemoryUnit ? w.memory() : 1.0);
    Fused f = units.computeIfAbsent(unit.key(), k -> new Fused(unit));
    if (search == Search.TEXT) {
      f.text += rrf.score(rank, weight);
    } else {
      f.dense += rrf.score(rank, weight);
    }
  }

  /** Every unit added, best first, with its score components; {@code now} ages them. */
  List<Scored> scored(Instant now) {
    if (scored) {
      throw new IllegalStateException("a recall is scored once");
    }
    scored = true;
    support();
    demoteOutdated();
    double best = units.values().stream().mapToDouble(Fused::relevance).max().orElse(1);
    Set<String> named = QueryWords.names(q.query());
    List<Scored> out = new ArrayList<>(units.size());
    for (Fused f : units.values()) {
      double boost = f.unit instanceof EpisodeUnit(var e)
          && named.contains(e.speaker().toLowerCase(Locale.ROOT)) ? SPEAKER : 1.0;
      out.add(score(f, boost * f.relevance() / best, now));
    }
    out.sort(Comparator.comparingDouble((Scored s) -> s.scores().score()).reversed());
    return out;
  }

  /** A current memory and the messages it came from lend each other part of their relevance. */
  private void support() {
    if (w.support() == 0) {
      return;
    }
    Map<String, Double> bonus = new LinkedHashMap<>();
    for (Fused f : units.values()) {
      if (!(f.unit instanceof MemoryUnit m) || !m.covering() || !m.current(q)) {
        continue;
      }
      for (String id : m.memory().provenance()) {
        Fused e = units.get(EpisodeUnit.key(id));
        if (e != null) {
          bonus.merge(e.unit.key(), w.support() * (f.text + f.dense), Double::sum);
          bonus.merge(m.key(), w.support() * (e.text + e.dense), Double::sum);
        }
      }
    }
    bonus.forEach((key, b) -> units.get(key).support += b);
  }

  /** Messages a superseded memory came from say what is no longer true: they rank lower. */
  private void demoteOutdated() {
    for (Fused f : units.values()) {
      if (!(f.unit instanceof MemoryUnit m) || m.current(q) || !m.covering()) {
        continue;
      }
      for (String id : m.memory().provenance()) {
        Fused e = units.get(EpisodeUnit.key(id));
        if (e != null) {
          e.outdated = true;
        }
      }
    }
  }

  private Scored score(Fused f, double relevance, Instant now) {
    double ageDays = Math.max(0, Duration.between(f.unit.eventTime(), now).toSeconds() / 86_400.0);
    double recency = Math.pow(0.5, ageDays / w.halfLifeDays());
    double importance = f.unit.importance();
    double origin = f.unit instanceof EpisodeUnit(var e) && e.origin().asked() ? w.asked() : 1.0;
    double score = relevance * (1 - w.recency() + w.recency() * recency)
        * (1 - w.importance() + w.importance() * importance) * (f.outdated ? OUTDATED : 1.0)
        * origin;
    return new Scored(f.unit, new Scores(f.text, f.dense, relevance, recency, importance, score));
  }

  /** A unit's fused ranks while scoring. */
  private static final class Fused {
    final Unit unit;
    double text;
    double dense;
    double support;
    boolean outdated;

    Fused(Unit unit) {
      this.unit = unit;
    }

    double relevance() {
      return text + dense + support;
    }
  }
}
