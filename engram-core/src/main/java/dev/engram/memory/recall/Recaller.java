package dev.engram.memory.recall;

import dev.engram.embed.Embedder;
import dev.engram.index.Filter;
import dev.engram.index.IndexHit;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.Scores;
import dev.engram.memory.store.EpisodeLog;
import dev.engram.memory.store.Fields;
import dev.engram.memory.store.MemoryLog;
import dev.engram.retrieval.ReciprocalRankFusion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hybrid recall over memories and messages of one scope. Four searches (BM25 and vector, on
 * memories and on messages) are fused by reciprocal rank; a memory and the messages it came from
 * support each other; the fused relevance is weighted by recency and importance. Results are then
 * taken best first, skipping any that covers only messages already covered. A message is shown
 * with its neighbours (a window of up to three messages); a memory taken from one message is
 * shown with that window under its own text, and stands for the message in the results.
 */
public final class Recaller {
  /** Provenance longer than this covers no evidence (a summary, a merged memory). */
  public static final int MAX_COVERING_PROVENANCE = 3;
  /** Relevance factor of a message said by a person the query names ("What did Caroline ..."). */
  private static final double SPEAKER = 1.2;
  /** Score factor of a message whose memory was superseded. */
  private static final double OUTDATED = 0.5;
  /**
   * Neighbours said further apart than this from a message belong to another conversation, even
   * in the same session ("I live in Paris" in March and "I moved to Berlin" in June).
   */
  private static final Duration NEIGHBOURHOOD = Duration.ofHours(6);

  private final EpisodeLog episodes;
  private final MemoryLog memories;
  private final Embedder embedder;
  private final Clock clock;
  private final RecallWeights w;
  private final ReciprocalRankFusion rrf;

  public Recaller(EpisodeLog episodes, MemoryLog memories, Embedder embedder, Clock clock,
      RecallWeights weights) {
    this.episodes = episodes;
    this.memories = memories;
    this.embedder = embedder;
    this.clock = clock;
    this.w = weights;
    this.rrf = new ReciprocalRankFusion(weights.rrfK());
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
    int n = Math.max(w.pool(), 3 * q.k());

    Map<String, Unit> units = new LinkedHashMap<>();
    String words = QueryWords.forText(q.query());
    fuse(units, memories.collection().searchText(words, memFilter, n), true, true);
    fuse(units, memories.collection().searchVector(vector, memFilter, n), true, false);
    fuse(units, episodes.collection().searchText(words, epiFilter, n), false, true);
    fuse(units, episodes.collection().searchVector(vector, epiFilter, n), false, false);
    support(units, q);
    demoteOutdated(units, q);

    double best = units.values().stream().mapToDouble(Unit::relevance).max().orElse(1);
    List<Scored> scored = new ArrayList<>();
    Set<String> named = QueryWords.names(q.query());
    for (Unit u : units.values()) {
      double boost = u.episode != null && named.contains(u.episode.speaker().toLowerCase(Locale.ROOT))
          ? SPEAKER : 1.0;
      scored.add(score(u, boost * u.relevance() / best, now));
    }
    scored.sort(Comparator.comparingDouble((Scored s) -> s.scores().score()).reversed());
    return select(scored, q);
  }

  private void fuse(Map<String, Unit> units, List<IndexHit> hits, boolean memory, boolean text) {
    double weight = (text ? w.text() : w.dense()) * (memory ? w.memory() : 1.0);
    for (IndexHit hit : hits) {
      String key = (memory ? "m:" : "e:") + hit.record().id();
      Unit u = units.computeIfAbsent(key, k -> memory
          ? Unit.of(MemoryLog.fromRecord(hit.record()))
          : Unit.of(EpisodeLog.fromRecord(hit.record())));
      if (text) {
        u.text += rrf.score(hit.rank(), weight);
      } else {
        u.dense += rrf.score(hit.rank(), weight);
      }
    }
  }

  /** A memory and the messages it came from lend each other part of their relevance. */
  private void support(Map<String, Unit> units, RecallQuery q) {
    if (w.support() == 0) {
      return;
    }
    Map<String, Double> bonus = new LinkedHashMap<>();
    for (Unit u : units.values()) {
      if (u.memory == null || u.memory.provenance().size() > MAX_COVERING_PROVENANCE
          || !current(u.memory, q)) {
        continue;
      }
      for (String id : u.memory.provenance()) {
        Unit e = units.get("e:" + id);
        if (e != null) {
          bonus.merge("e:" + id, w.support() * (u.text + u.dense), Double::sum);
          bonus.merge("m:" + u.memory.id(), w.support() * (e.text + e.dense), Double::sum);
        }
      }
    }
    bonus.forEach((key, b) -> units.get(key).support += b);
  }

  /** Messages a superseded memory came from say what is no longer true: they rank lower. */
  private static void demoteOutdated(Map<String, Unit> units, RecallQuery q) {
    for (Unit u : units.values()) {
      if (u.memory == null || current(u.memory, q)
          || u.memory.provenance().size() > MAX_COVERING_PROVENANCE) {
        continue;
      }
      for (String id : u.memory.provenance()) {
        Unit e = units.get("e:" + id);
        if (e != null) {
          e.outdated = true;
        }
      }
    }
  }

  /** True when {@code m} is true at the query's time (now, or as-of). */
  private static boolean current(Memory m, RecallQuery q) {
    return q.asOf().map(m::validAt).orElse(m.live());
  }

  private Scored score(Unit u, double relevance, Instant now) {
    Instant when = u.eventTime();
    double ageDays = Math.max(0, Duration.between(when, now).toSeconds() / 86_400.0);
    double recency = Math.pow(0.5, ageDays / w.halfLifeDays());
    double importance = u.memory != null ? u.memory.importance() : 0.5;
    double score = relevance * (1 - w.recency() + w.recency() * recency)
        * (1 - w.importance() + w.importance() * importance) * (u.outdated ? OUTDATED : 1.0);
    return new Scored(u, new Scores(u.text, u.dense, relevance, recency, importance, score));
  }

  private List<RecalledMemory> select(List<Scored> scored, RecallQuery q) {
    // A memory taken from one message and that message are one result: the memory's text with
    // the message and its neighbours, so the statement comes with the words it was taken from.
    Map<String, Scored> memoryOfMessage = new LinkedHashMap<>();
    for (Scored s : scored) {
      Memory m = s.unit().memory;
      if (m != null && m.provenance().size() == 1 && current(m, q)) {
        memoryOfMessage.putIfAbsent(m.provenance().getFirst(), s);
      }
    }
    Set<String> covered = new HashSet<>();
    Set<String> used = new HashSet<>();
    List<RecalledMemory> out = new ArrayList<>();
    for (Scored s : scored) {
      if (out.size() == q.k()) {
        break;
      }
      Unit u = s.unit();
      if (u.memory == null) {
        if (covered.contains(u.episode.id())) {
          continue;
        }
        Scored m = memoryOfMessage.get(u.episode.id());
        if (m != null && used.add(m.unit().memory.id())) {
          out.add(withSource(m.unit().memory, u.episode, s.scores(), q, covered));
        } else {
          out.add(episodeWindow(u.episode, s.scores(), q, covered));
        }
        continue;
      }
      Memory m = u.memory;
      if (!current(m, q) && !q.includeHistory()) {
        continue;
      }
      if (m.kind() == MemoryKind.SUMMARY) {
        // A summary matches many queries but answers none precisely, and as of an earlier time
        // it may tell the future; it is read with Memories.summary instead.
        continue;
      }
      if (!used.add(m.id())) {
        continue;
      }
      List<String> prov = m.provenance();
      if (prov.size() == 1 && !covered.contains(prov.getFirst())) {
        Optional<Episode> source = episodes.get(q.scope().withoutSession(), prov.getFirst());
        if (source.isPresent()) {
          out.add(withSource(m, source.get(), s.scores(), q, covered));
          continue;
        }
      }
      boolean covering = !prov.isEmpty() && prov.size() <= MAX_COVERING_PROVENANCE;
      if (covering && covered.containsAll(prov) && m.live()) {
        continue; // its messages are shown already; a closed memory still shows, as history
      }
      if (covering) {
        covered.addAll(prov);
      }
      out.add(new RecalledMemory(m.id(), m.kind(), m.text(), m.eventTime(), m.validFrom(),
          m.validTo(), prov, s.scores()));
    }
    return out;
  }

  private RecalledMemory withSource(Memory m, Episode source, Scores scores, RecallQuery q,
      Set<String> covered) {
    List<Episode> window = window(source, q, covered);
    List<String> ids = window.stream().map(Episode::id).toList();
    covered.addAll(ids);
    return new RecalledMemory(m.id(), m.kind(), m.text() + "\n" + lines(window), m.eventTime(),
        m.validFrom(), m.validTo(), ids, scores);
  }

  private RecalledMemory episodeWindow(Episode e, Scores scores, RecallQuery q, Set<String> covered) {
    List<Episode> window = window(e, q, covered);
    List<String> ids = window.stream().map(Episode::id).toList();
    covered.addAll(ids);
    return new RecalledMemory(e.id(), MemoryKind.EPISODE, lines(window), e.eventTime(),
        e.eventTime(), Optional.empty(), ids, scores);
  }

  private static String lines(List<Episode> window) {
    StringBuilder text = new StringBuilder();
    for (Episode e : window) {
      text.append(text.isEmpty() ? "" : "\n").append(e.speaker()).append(": ").append(e.text());
    }
    return text.toString();
  }

  /**
   * The message with {@code window} neighbours each side, none said after as-of nor in another
   * conversation. When neighbours on one side are shown already, the window slides to the other
   * side (keeping its size and the message), so that results show more distinct messages.
   */
  private List<Episode> window(Episode centre, RecallQuery q, Set<String> covered) {
    int half = w.window();
    if (half == 0) {
      return List.of(centre);
    }
    long from = Math.max(0, centre.sequence() - 2L * half);
    List<Episode> around = episodes.range(centre.scope(), from, centre.sequence() + 2L * half).stream()
        .filter(e -> q.asOf().map(t -> !e.eventTime().isAfter(t)).orElse(true))
        .filter(e -> e.id().equals(centre.id()) || sameConversation(e, centre))
        .toList();
    int at = 0;
    while (at < around.size() && !around.get(at).id().equals(centre.id())) {
      at++;
    }
    if (at == around.size()) {
      return List.of(centre);
    }
    int size = 2 * half + 1;
    int bestStart = Math.max(0, at - half);
    int bestNew = -1;
    for (int shift : new int[] {0, -1, 1}) { // centred first: it wins ties
      int start = at - half + shift * half;
      if (start < 0 || start > at || start + size - 1 < at) {
        continue;
      }
      int end = Math.min(around.size(), start + size);
      int fresh = 0;
      for (int i = start; i < end; i++) {
        fresh += covered.contains(around.get(i).id()) ? 0 : 1;
      }
      if (fresh > bestNew) {
        bestNew = fresh;
        bestStart = start;
      }
    }
    return around.subList(bestStart, Math.min(around.size(), bestStart + size));
  }

  /** Said close in time: messages that belong to one conversation. */
  private static boolean sameConversation(Episode a, Episode b) {
    return Duration.between(a.eventTime(), b.eventTime()).abs().compareTo(NEIGHBOURHOOD) <= 0;
  }

  private record Scored(Unit unit, Scores scores) {}

  /** A memory or a message being scored; mutable while fusing. */
  private static final class Unit {
    final Memory memory;
    final Episode episode;
    double text;
    double dense;
    double support;
    boolean outdated;

    private Unit(Memory memory, Episode episode) {
      this.memory = memory;
      this.episode = episode;
    }

    static Unit of(Memory m) {
      return new Unit(m, null);
    }

    static Unit of(Episode e) {
      return new Unit(null, e);
    }

    double relevance() {
      return text + dense + support;
    }

    Instant eventTime() {
      return memory != null ? memory.eventTime() : episode.eventTime();
    }
  }
}
