package dev.engram.memory;

import dev.engram.memory.model.RememberResult;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Origin;
import dev.engram.memory.model.Decision;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Slot;
import dev.engram.common.Scope;
import dev.engram.common.Vectors;
import dev.engram.embed.Embedder;
import dev.engram.index.IndexHit;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.memory.consolidate.Consolidator;
import dev.engram.memory.consolidate.Similar;
import dev.engram.memory.consolidate.Verdict;
import dev.engram.memory.extract.Candidate;
import dev.engram.memory.extract.Clauses;
import dev.engram.memory.extract.Extractor;
import dev.engram.memory.store.EpisodeLog;
import dev.engram.memory.store.Fields;
import dev.engram.memory.store.HistoryLog;
import dev.engram.memory.store.MemoryLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One remember call: log the messages, extract candidates, embed everything in one call,
 * consolidate each candidate against similar live memories (and those added earlier in the same
 * call), roll the session summary, and write it all as one batch.
 *
 * <p>Extraction and embedding run outside any lock. Consolidation reads the owner's memories, so
 * it is planned against what the owner has now and written only if no other write of the owner
 * came in between, in this process or in another one sharing the index (else planned again);
 * after {@value #OPTIMISTIC_TRIES} tries it plans and writes under the owner's lock, still
 * guarded against other processes ({@link OwnerLocks}). Thread-safe.
 */
final class Remembering {
  /** Plans tried without the owner's lock before one under it (not measured; chosen by hand). */
  static final int OPTIMISTIC_TRIES = 3;
  private static final int SIMILAR = 5;
  /**
   * Characters of the previous message embedded with a message, from its end. Embedding is most
   * of a remember's cost and grows with these characters. On LoCoMo (eval memory, 2026-12-01,
   * with the score-led recall windows) 150 gives evidence recall@10 0.8515, 100 gives 0.8481 and
   * 60 gives 0.8473 at 12% more turns/s (49.7 word pieces a turn against 61.1): the recall target
   * (0.85) decides for 150. Before those windows: 40: 0.8306, 60: 0.8355, 80: 0.8347, 100: 0.8376,
   * 150: 0.8334, 300 earlier: lower.
   */
  private static final int CONTEXT_CHARS = 150;

  private final Index index;
  private final OwnerLocks locks;
  private final EpisodeLog episodes;
  private final MemoryLog memories;
  private final HistoryLog history;
  private final SessionSummaries summaries;
  private final Embedder embedder;
  private final Extractor extractor;
  private final Consolidator consolidator;
  private final Clock clock;

  Remembering(Index index, OwnerLocks locks, EpisodeLog episodes, MemoryLog memories,
      HistoryLog history, Embedder embedder, Extractor extractor, Consolidator consolidator,
      Clock clock) {
    this.index = index;
    this.locks = locks;
    this.episodes = episodes;
    this.memories = memories;
    this.history = history;
    this.summaries = new SessionSummaries(memories);
    this.embedder = embedder;
    this.extractor = extractor;
    this.consolidator = consolidator;
    this.clock = clock;
  }

  SessionSummaries summaries() {
    return summaries;
  }

  RememberResult remember(Scope session, List<Message> messages, Optional<Instant> eventTime) {
    Instant now = clock.instant();
    // Sequence numbers are given when the batch is planned, from what the session holds then.
    List<Episode> drafts = new ArrayList<>(messages.size());
    for (Message m : messages) {
      Instant when = m.eventTime().or(() -> eventTime).orElse(now);
      drafts.add(new Episode("msg-" + UUID.randomUUID(), session, m.role(), m.speaker(), m.text(),
          when, now, drafts.size(), m.origin()));
    }
    // Engram's own answers are kept as messages, never read for facts about the user: an
    // extractive answer repeats the user's words, and would come back as a second source.
    List<Candidate> candidates = extractor.extract(
        drafts.stream().filter(d -> d.origin() != Origin.ANSWER).toList());

    // One embedding call per remember. A candidate taken from one message of this call reuses
    // that message's vector: embedding is most of the cost of remembering, and the vector of the
    // sentence's own message is what recall compares against anyway.
    Map<String, Integer> position = new LinkedHashMap<>();
    List<String> texts = new ArrayList<>(drafts.size() + candidates.size());
    for (int i = 0; i < drafts.size(); i++) {
      position.put(drafts.get(i).id(), texts.size());
      texts.add(embedded(drafts, i));
    }
    int[] vectorOf = new int[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      Integer own = c.provenance().size() == 1 ? position.get(c.provenance().getFirst()) : null;
      if (own != null) {
        vectorOf[i] = own;
      } else {
        vectorOf[i] = texts.size();
        texts.add(c.text());
      }
    }
    List<float[]> vectors = embedder.embedDocuments(texts);
    Embedded embedded = new Embedded(drafts, candidates, vectors, vectorOf);
    for (int attempt = 0; attempt < OPTIMISTIC_TRIES; attempt++) {
      OwnerLocks.Seen seen = locks.seen(session);
      OwnerLocks.Planned<RememberResult> planned = plan(session, embedded, now);
      if (locks.writeIfUnchanged(session, seen, planned.batch())) {
        return planned.result();
      }
    }
    return locks.write(session, () -> plan(session, embedded, now));
  }

  /** The batch of one remember, planned against the owner's memories as they are now. */
  private OwnerLocks.Planned<RememberResult> plan(Scope session, Embedded in, Instant now) {
    long seq = episodes.nextSequence(session);
    List<Episode> batch = new ArrayList<>(in.drafts().size());
    for (Episode d : in.drafts()) {
      batch.add(new Episode(d.id(), d.scope(), d.role(), d.speaker(), d.text(), d.eventTime(),
          d.ingestTime(), seq++, d.origin()));
    }
    List<Candidate> candidates = in.candidates();
    List<float[]> vectors = in.vectors();
    WriteBatch.Builder write = WriteBatch.builder();
    episodes.stage(write, batch, vectors.subList(0, batch.size()));
    Map<String, Staged> staged = new LinkedHashMap<>();
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      float[] v = vectors.get(in.vectorOf()[i]);
      decisions.add(consolidate(write, session, candidates.get(i), v, staged, now));
    }
    staged.values().forEach(s -> MemoryLog.stage(write, s.memory(), s.vector()));
    if (!candidates.isEmpty()) {
      List<SessionSummaries.Line> changed = staged.values().stream()
          .map(s -> new SessionSummaries.Line(s.memory(), s.vector())).toList();
      // This session's summary, and that of every earlier session whose memory this one
      // superseded or updated: "lives in Paris" leaves the first visit's summary too.
      Map<Optional<String>, Scope> sessions = new LinkedHashMap<>();
      sessions.put(session.session(), session);
      for (Staged s : staged.values()) {
        Scope of = s.memory().scope();
        if (of.session().isPresent()) {
          sessions.putIfAbsent(of.session(), session.withSession(of.session().get()));
        }
      }
      sessions.values().forEach(each -> summaries.stage(write, each, changed, Set.of(), now));
    }
    return new OwnerLocks.Planned<>(write.build(),
        new RememberResult(batch.stream().map(Episode::id).toList(), decisions));
  }

  /**
   * The text a message is embedded as: the message after the one before it in the same call, so
   * that a reply ("It taught me self-acceptance") is found by what it answers ("What did you take
   * away from Becoming Nicole?"). Its provenance stays the message itself.
   */
  static String embedded(List<Episode> batch, int i) {
    Episode e = batch.get(i);
    String own = e.speaker() + ": " + e.text();
    if (i == 0) {
      return own;
    }
    Episode before = batch.get(i - 1);
    String context = before.text().length() > CONTEXT_CHARS
        ? before.text().substring(before.text().length() - CONTEXT_CHARS) : before.text();
    return before.speaker() + ": " + context + "\n" + own;
  }

  private Decision consolidate(WriteBatch.Builder write, Scope session, Candidate c, float[] v,
      Map<String, Staged> staged, Instant now) {
    Verdict verdict = consolidator.decide(c, similar(session, c, v, staged));
    Scope owner = session;
    return switch (verdict.action()) {
      case ADD -> {
        Memory m = added(owner, c, verdict.text(), now);
        staged.put(m.id(), new Staged(m, v));
        history.append(write, owner, m.id(), Action.ADD, now, verdict.reason(), Optional.of(m.text()),
            Optional.empty(), c.provenance());
        yield new Decision(Action.ADD, m.id(), c.kind(), c.text(), Optional.empty(), verdict.reason());
      }
      case NOOP -> {
        String id = verdict.targetId().orElseThrow();
        history.append(write, owner, id, Action.NOOP, now, verdict.reason(), Optional.of(verdict.text()),
            Optional.empty(), c.provenance());
        yield new Decision(Action.NOOP, id, c.kind(), c.text(), Optional.empty(), verdict.reason());
      }
      case UPDATE -> {
        Staged old = load(owner, verdict.targetId().orElseThrow(), staged);
        LinkedHashSet<String> prov = new LinkedHashSet<>(old.memory().provenance());
        prov.addAll(c.provenance());
        Memory m = old.memory().revised(verdict.text(),
            Math.max(old.memory().importance(), c.importance()), List.copyOf(prov));
        staged.put(m.id(), new Staged(m, v));
        history.append(write, owner, m.id(), Action.UPDATE, now, verdict.reason(), Optional.of(m.text()),
            Optional.empty(), c.provenance());
        yield new Decision(Action.UPDATE, m.id(), c.kind(), c.text(), Optional.empty(), verdict.reason());
      }
      case SUPERSEDE -> {
        Staged old = load(owner, verdict.targetId().orElseThrow(), staged);
        Memory m = added(owner, c, verdict.text(), now);
        Instant end = m.validFrom().isBefore(old.memory().validFrom()) ? old.memory().validFrom() : m.validFrom();
        staged.put(old.memory().id(), new Staged(old.memory().closedAt(end), old.vector()));
        staged.put(m.id(), new Staged(m, v));
        history.append(write, owner, old.memory().id(), Action.SUPERSEDE, now, verdict.reason(),
            Optional.of(old.memory().text()), Optional.of(m.id()), c.provenance());
        history.append(write, owner, m.id(), Action.ADD, now, "supersedes memory " + old.memory().id(),
            Optional.of(m.text()), Optional.of(old.memory().id()), c.provenance());
        carryOver(write, owner, old, c, end, now, staged);
        yield new Decision(Action.SUPERSEDE, m.id(), c.kind(), c.text(),
            Optional.of(old.memory().id()), verdict.reason());
      }
      case EDIT, FORGET -> throw new IllegalStateException("a consolidator cannot " + verdict.action());
    };
  }

  /**
   * A superseded memory that said more than the contradicted fact ("Ann lives in Paris and Ann
   * loves hiking") hands its other clauses on to a new live memory, so no fact is lost.
   */
  private void carryOver(WriteBatch.Builder write, Scope owner, Staged old, Candidate c,
      Instant end, Instant now, Map<String, Staged> staged) {
    Memory closed = old.memory();
    Optional<Slot> oldSlot = closed.slot();
    if (oldSlot.isEmpty()) {
      return;
    }
    String name = oldSlot.get().subject();
    String value = oldSlot.get().value();
    List<String> clauses = Clauses.about(closed.text(), name);
    List<String> kept = clauses.stream()
        .filter(t -> !Clauses.mentions(t, value))
        .toList();
    if (clauses.size() < 2 || kept.isEmpty() || kept.size() == clauses.size()) {
      return;
    }
    String text = String.join(" ", kept);
    Memory rest = new Memory("mem-" + UUID.randomUUID(), owner, closed.kind(), text,
        closed.importance(), closed.eventTime(), now, end, Optional.empty(), closed.provenance(),
        Optional.empty(), 1);
    staged.put(rest.id(), new Staged(rest, old.vector()));
    history.append(write, owner, rest.id(), Action.ADD, now, "kept from memory " + closed.id()
        + ", whose other part was superseded", Optional.of(text), Optional.of(closed.id()),
        closed.provenance());
  }

  private List<Similar> similar(Scope session, Candidate c, float[] v, Map<String, Staged> staged) {
    List<Similar> out = new ArrayList<>();
    for (IndexHit hit : memories.collection().searchVector(v,
        MemoryLog.live(Fields.owner(session)), SIMILAR + 1)) {
      Memory m = MemoryLog.fromRecord(hit.record());
      if (m.kind() != MemoryKind.SUMMARY && !staged.containsKey(m.id())) {
        out.add(new Similar(m, hit.score())); // the index scores vectors by cosine
      }
    }
    for (Staged s : staged.values()) {
      if (s.memory().live()) {
        // Candidates from the same message share its vector, so their cosine says nothing:
        // "I love hiking and I love cooking" are two preferences, not one said twice.
        boolean sameSource = s.memory().provenance().equals(c.provenance());
        out.add(new Similar(s.memory(), sameSource ? 0.0 : Vectors.dot(v, s.vector())));
      }
    }
    out.sort(Comparator.comparingDouble(Similar::cosine).reversed());
    return out.subList(0, Math.min(SIMILAR, out.size()));
  }

  private Staged load(Scope owner, String id, Map<String, Staged> staged) {
    Staged s = staged.get(id);
    if (s != null) {
      return s;
    }
    IndexRecord r = memories.record(owner.withoutSession(), id).orElseThrow(() ->
        new IllegalStateException("the consolidator named memory " + id + ", which is not in scope"));
    return new Staged(MemoryLog.fromRecord(r), r.vector());
  }

  private static Memory added(Scope owner, Candidate c, String text, Instant now) {
    Instant from = c.eventTime().isBefore(c.saidAt()) ? c.eventTime() : c.saidAt();
    return new Memory("mem-" + UUID.randomUUID(), owner, c.kind(), text, c.importance(),
        c.eventTime(), now, from, Optional.empty(), c.provenance(), c.slot(), 1);
  }

  private record Staged(Memory memory, float[] vector) {}

  /** What a remember computed before planning: episodes, candidates and their vectors. */
  private record Embedded(List<Episode> drafts, List<Candidate> candidates, List<float[]> vectors,
      int[] vectorOf) {}
}
