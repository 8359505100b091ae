package dev.engram.memory;

import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbeddingErasure;
import dev.engram.index.Index;
import dev.engram.index.IndexHit;
import dev.engram.index.PhysicalErase;
import dev.engram.index.WriteBatch;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.HistoryEntry;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.store.EpisodeLog;
import dev.engram.memory.store.Fields;
import dev.engram.memory.store.HistoryLog;
import dev.engram.memory.store.MemoryLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One forget: find everywhere a memory is said (the messages it came from, the owner's messages
 * that restate it, Engram's answers that repeated it), take it out ({@link Redaction}), rebuild the
 * summaries of the sessions concerned, and write it all as one batch; then purge the index files
 * and the embedding cache. Planned and embedded outside the owner's lock, written only if the
 * memory and the messages are as planned (else planned again; the last try plans under the lock).
 */
final class Forgetting {
  /**
   * Messages searched by a forgotten memory's words for restatements and answers. Not measured;
   * chosen by hand: more than a user says or asks about one fact.
   */
  private static final int SEARCH = 200;

  private final Index index;
  private final OwnerLocks locks;
  private final EpisodeLog episodes;
  private final MemoryLog memories;
  private final HistoryLog history;
  private final SessionSummaries summaries;
  private final Embedder embedder;
  private final Clock clock;

  Forgetting(Index index, OwnerLocks locks, EpisodeLog episodes, MemoryLog memories,
      HistoryLog history, SessionSummaries summaries, Embedder embedder, Clock clock) {
    this.index = index;
    this.locks = locks;
    this.episodes = episodes;
    this.memories = memories;
    this.history = history;
    this.summaries = summaries;
    this.embedder = embedder;
    this.clock = clock;
  }

  /** What one forget will write, planned against the records as they were read. */
  private record Plan(Memory memory, List<String> phrases, Map<String, Episode> touched,
      List<Episode> redacted, List<float[]> vectors, List<Episode> emptied, Set<Scope> sessions) {}

  Forgotten forget(Scope owner, String id) {
    for (int attempt = 0; attempt < Remembering.OPTIMISTIC_TRIES; attempt++) {
      Plan plan = plan(owner, id);
      Optional<Forgotten> done = locks.write(owner, () -> unchanged(owner, plan)
          ? write(owner, plan).map(Optional::of)
          : new OwnerLocks.Planned<>(WriteBatch.builder().build(), Optional.<Forgotten>empty()));
      if (done.isPresent()) {
        return purged(plan, done.get());
      }
    }
    Plan[] last = new Plan[1];
    Forgotten done = locks.write(owner, () -> {
      last[0] = plan(owner, id);
      return write(owner, last[0]);
    });
    return purged(last[0], done);
  }

  private Plan plan(Scope owner, String id) {
    Memory m = memories.get(owner, id).orElseThrow(unknown(id));
    // A summary only repeats other memories: forgetting it deletes it (the next remember of the
    // session rebuilds it); the messages of its lines stay.
    boolean summary = m.kind() == MemoryKind.SUMMARY;
    List<String> phrases = new ArrayList<>(List.of(m.text()));
    LinkedHashSet<String> sources = new LinkedHashSet<>(summary ? List.of() : m.provenance());
    for (HistoryEntry e : summary ? List.<HistoryEntry>of() : history.of(owner, id)) {
      e.text().ifPresent(phrases::add);
      sources.addAll(e.provenance());
    }
    List<Episode> said = sources.stream().map(s -> episodes.get(owner, s)).flatMap(Optional::stream)
        .toList();
    Set<String> speakers = said.stream().map(Episode::speaker).collect(Collectors.toSet());
    // The memory's text may say what was said in other words: a resolved time ("Maya moved to
    // Berlin in August 2025." for "I moved to Berlin last month."). The clauses it was said in
    // are phrases too, so that an answer or restatement in those words is found and goes.
    Redaction byText = new Redaction(phrases, speakers);
    said.forEach(e -> byText.saying(e.text()).stream()
        .filter(c -> !phrases.contains(c)).forEach(phrases::add));
    Redaction redaction = new Redaction(phrases, speakers);
    Map<String, Episode> touched = new LinkedHashMap<>();
    said.forEach(e -> touched.put(e.id(), e));
    // Restatements it was not taken from and answers that repeated it: found by its words,
    // changed only where a clause says it.
    List<IndexHit> hits = summary ? List.of()
        : episodes.collection().searchText(String.join(" ", phrases), Fields.owner(owner), SEARCH);
    hits.stream().map(h -> EpisodeLog.fromRecord(h.record()))
        .filter(e -> !sources.contains(e.id()) && redaction.touches(e.text(), false))
        .forEach(e -> touched.putIfAbsent(e.id(), e));
    List<Episode> emptied = new ArrayList<>();
    List<Episode> redacted = new ArrayList<>();
    for (Episode e : touched.values()) {
      redaction.apply(e.text(), sources.contains(e.id()))
          .ifPresentOrElse(t -> redacted.add(e.withText(t)), () -> emptied.add(e));
    }
    List<float[]> vectors = redacted.isEmpty() ? List.of() : embedder.embedDocuments(
        redacted.stream().map(e -> e.speaker() + ": " + e.text()).toList());
    Set<Scope> sessions = new LinkedHashSet<>();
    if (!summary && m.scope().session().isPresent()) {
      sessions.add(m.scope());
    }
    touched.values().forEach(e -> sessions.add(e.scope()));
    return new Plan(m, phrases, touched, redacted, vectors, emptied, sessions);
  }

  /** True when the memory is still there and no planned message changed meanwhile. */
  private boolean unchanged(Scope owner, Plan plan) {
    if (memories.get(owner, plan.memory().id()).isEmpty()) {
      throw unknown(plan.memory().id()).get();
    }
    return plan.touched().values().stream().allMatch(e ->
        episodes.get(owner, e.id()).map(now -> now.text().equals(e.text())).orElse(false));
  }

  /** The batch of a forget, written by the caller under the owner's guard. */
  private OwnerLocks.Planned<Forgotten> write(Scope owner, Plan plan) {
    Memory m = plan.memory();
    Instant now = clock.instant();
    WriteBatch.Builder write = WriteBatch.builder().deleteIds(Fields.MEMORIES, List.of(m.id()));
    plan.emptied().forEach(e -> episodes.stageEmptied(write, e));
    if (!plan.redacted().isEmpty()) {
      episodes.stage(write, plan.redacted(), plan.vectors());
    }
    for (Scope session : plan.sessions()) {
      summaries.stage(write, session, List.of(), Set.of(m.id()), now);
    }
    HistoryLog.deleteOf(write, owner, m.id());
    Forgotten f = new Forgotten(m.id(), plan.redacted().size(), plan.emptied().size(),
        plan.sessions().size());
    history.append(write, m.scope(), m.id(), Action.FORGET, now, "forgotten on request; taken out of "
        + f.messagesChanged() + " messages, " + f.messagesDeleted() + " emptied, "
        + f.summariesRebuilt() + " session summaries rebuilt", Optional.empty(), Optional.empty(),
        List.of());
    return new OwnerLocks.Planned<>(write.build(), f);
  }

  /** Purges the index files and the embedding cache of what the forget removed. */
  private Forgotten purged(Plan plan, Forgotten done) {
    if (index instanceof PhysicalErase purge) {
      purge.purgeDeleted();
    }
    if (embedder instanceof EmbeddingErasure cache) {
      ErasedTexts texts = new ErasedTexts().messages(List.copyOf(plan.touched().values()));
      plan.phrases().forEach(texts::text);
      cache.erase(texts.all());
    }
    return done;
  }

  private static Supplier<InvalidInputException> unknown(String id) {
    return () -> new InvalidInputException("ENGRAM-306", "no memory with id '" + id + "' in this scope");
  }
}
