package dev.engram.memory;

import dev.engram.memory.model.RememberResult;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.MemoryWithHistory;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Action;
import dev.engram.common.Scope;
import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbeddingErasure;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.PhysicalErase;
import dev.engram.index.WriteBatch;
import dev.engram.memory.consolidate.Consolidator;
import dev.engram.memory.consolidate.RuleConsolidator;
import dev.engram.memory.extract.Extractor;
import dev.engram.memory.recall.RecallWeights;
import dev.engram.memory.recall.Recaller;
import dev.engram.memory.store.EpisodeLog;
import dev.engram.memory.store.Fields;
import dev.engram.memory.store.HistoryLog;
import dev.engram.memory.store.MemoryLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Long-term memory of users and agents on an index: remember conversations, recall what matters,
 * and manage (list, get with history, edit, forget, erase) what is kept.
 *
 * <p>Every call is scoped: a user's scope reads and writes the user's memories (of every agent and
 * session); a scope that names only an agent reads and writes the agent's own memories, those with
 * no user, never its users'. Each write is one {@link WriteBatch}, durable as a unit before the
 * call returns; a call that fails stores nothing.
 *
 * <p>Thread-safe: any number of threads remember, recall and manage at once. Extraction, LLM calls
 * and embedding run outside any lock; only the writes of one owner (tenant and user, or tenant and
 * agent) are serialised.
 */
public final class Memories {
  /** Default session of messages remembered without one. */
  public static final String DEFAULT_SESSION = "default";
  private static final int MAX_LIST = 100_000;

  private final EpisodeLog episodes;
  private final MemoryLog memories;
  private final HistoryLog history;
  private final Index index;
  private final Embedder embedder;
  private final Clock clock;
  private final OwnerLocks locks;
  private final Remembering remembering;
  /**
   * Remembering that only logs: the same logs and owner locks as {@link #remembering}, so a log-only
   * call and a remembering one of the same session are planned one after the other, and never give
   * two messages the same sequence number.
   */
  private final Remembering logging;
  private final Recaller recaller;
  private final Forgetting forgetting;

  /** Memories with the default consolidator and recall weights. */
  public Memories(Index index, Embedder embedder, Clock clock, Extractor extractor) {
    this(index, embedder, clock, extractor, new RuleConsolidator(), RecallWeights.defaults());
  }

  /** Memories with every seam given. */
  public Memories(Index index, Embedder embedder, Clock clock, Extractor extractor,
      Consolidator consolidator, RecallWeights weights) {
    this.index = Checks.notNull(index, "index");
    this.embedder = Checks.notNull(embedder, "embedder");
    this.clock = Checks.notNull(clock, "clock");
    this.episodes = new EpisodeLog(index, clock.getZone());
    this.memories = new MemoryLog(index);
    this.history = new HistoryLog(index);
    this.locks = new OwnerLocks(index);
    this.remembering = new Remembering(index, locks, episodes, memories, history, embedder,
        Checks.notNull(extractor, "extractor"), Checks.notNull(consolidator, "consolidator"), clock);
    this.logging = new Remembering(index, locks, episodes, memories, history, embedder,
        messages -> List.of(), consolidator, clock);
    this.recaller = new Recaller(episodes, memories, embedder, clock, Checks.notNull(weights, "weights"));
    this.forgetting = new Forgetting(index, locks, episodes, memories, history,
        remembering.summaries(), embedder, clock);
  }

  /** Remembers {@code messages}, said now unless they carry their own times. */
  public RememberResult remember(Scope scope, List<Message> messages) {
    return remember(scope, messages, Optional.empty());
  }

  /** Remembers {@code messages} said at {@code eventTime} (messages with their own time keep it). */
  public RememberResult remember(Scope scope, List<Message> messages, Instant eventTime) {
    return remember(scope, messages, Optional.of(Checks.notNull(eventTime, "eventTime")));
  }

  /**
   * Logs {@code messages} in the episode log without extracting memories from them (Mem0's {@code
   * infer: false}): recall finds them as messages, and no memory is added or changed.
   */
  public RememberResult log(Scope scope, List<Message> messages) {
    return remember(logging, scope, messages, Optional.empty());
  }

  private RememberResult remember(Scope scope, List<Message> messages,
      Optional<Instant> eventTime) {
    return remember(remembering, scope, messages, eventTime);
  }

  private static RememberResult remember(Remembering how, Scope scope, List<Message> messages,
      Optional<Instant> eventTime) {
    Checks.notNull(scope, "scope").requireOwner("remember");
    if (Checks.notNull(messages, "messages").isEmpty()) {
      throw new InvalidInputException("ENGRAM-302", "there are no messages to remember: give at least one");
    }
    Scope session = scope.session().isPresent() ? scope : scope.withSession(DEFAULT_SESSION);
    return how.remember(session, List.copyOf(messages), eventTime);
  }

  /** The best memories and messages for a query; see {@link RecallQuery}. */
  public List<RecalledMemory> recall(RecallQuery query) {
    Checks.notNull(query, "query").scope().requireOwner("recall");
    return recaller.recall(query);
  }

  /**
   * The memories of {@code scope}, oldest event first (then by text); closed ones only with
   * {@code history}. A scope that names a session lists only the memories remembered in that
   * session (and its summary), as recall does; without one, those of every session of the owner.
   */
  public List<Memory> list(Scope scope, boolean includeHistory) {
    Filter f = Fields.of(Checks.notNull(scope, "scope").requireOwner("list memories"));
    return memories.list(includeHistory ? f : MemoryLog.live(f), MAX_LIST).stream()
        // Ties (two facts of one message) by text: the index lists by id, which says nothing.
        .sorted(Comparator.comparing(Memory::eventTime).thenComparing(Memory::ingestTime)
            .thenComparing(Memory::text))
        .toList();
  }

  /** The memory with this id in {@code scope}, with its history. */
  public Optional<MemoryWithHistory> get(Scope scope, String id) {
    Scope owner = Checks.notNull(scope, "scope").requireOwner("get a memory").withoutSession();
    return memories.get(owner, Checks.notBlank(id, "id"))
        .map(m -> new MemoryWithHistory(m, history.of(owner, id)));
  }

  /**
   * The memory with this id in {@code tenant}, whoever owns it, with its history: for callers that
   * have only the id (an HTTP API in Mem0's shape). A memory of another tenant is not found, exactly
   * as an id that does not exist.
   */
  public Optional<MemoryWithHistory> find(String tenant, String id) {
    Checks.notBlank(tenant, "tenant");
    return memories.collection().get(Checks.notBlank(id, "id")).map(MemoryLog::fromRecord)
        .filter(m -> m.scope().tenant().equals(tenant))
        .flatMap(m -> get(m.scope().withoutSession(), id));
  }

  /** The messages of the episode log with these ids in {@code scope}, in the order given. */
  public List<Episode> messages(Scope scope, List<String> ids) {
    Scope owner = Checks.notNull(scope, "scope").requireOwner("read messages").withoutSession();
    return ids.stream().map(id -> episodes.get(owner, id)).flatMap(Optional::stream).toList();
  }

  /**
   * The latest {@code n} messages of the session of {@code scope}, newest first (empty when the
   * scope names no session).
   */
  public List<Episode> recentTurns(Scope scope, int n) {
    Checks.notNull(scope, "scope").requireOwner("read recent turns");
    Checks.atLeast(n, 0, "n");
    if (scope.session().isEmpty() || n == 0) {
      return List.of();
    }
    long next = episodes.nextSequence(scope);
    if (next == 0) {
      return List.of();
    }
    return episodes.range(scope, Math.max(0, next - n), next - 1).reversed();
  }

  /**
   * The owner's live memories (no summaries) ranked for {@code query} by BM25 and by vector,
   * each list best first and at most {@code depth} long, for callers that fuse them their way.
   */
  public RankedMemories rankLive(Scope scope, String query, int depth) {
    Scope owner = Checks.notNull(scope, "scope").requireOwner("search memories").withoutSession();
    Checks.notBlank(query, "query");
    Checks.atLeast(depth, 1, "depth");
    Filter live = MemoryLog.live(Fields.owner(owner));
    List<Memory> byText = memories.collection().searchText(query, live, depth).stream()
        .map(h -> MemoryLog.fromRecord(h.record())).toList();
    List<Memory> byVector = memories.collection()
        .searchVector(embedder.embedQuery(query), live, depth).stream()
        .map(h -> MemoryLog.fromRecord(h.record())).toList();
    return new RankedMemories(byText, byVector);
  }

  /** How many messages the episode log holds for {@code scope} (of its session, when it names one). */
  public int messageCount(Scope scope) {
    return episodes.count(Checks.notNull(scope, "scope").requireOwner("count messages"));
  }

  /** The rolling summary of the session of {@code scope}, if it has one. */
  public Optional<Memory> summary(Scope scope) {
    Checks.notNull(scope, "scope").requireOwner("summarise a session");
    if (scope.session().isEmpty()) {
      throw new InvalidInputException("ENGRAM-301", "a session summary needs a session: name the session");
    }
    return remembering.summaries().of(scope);
  }

  /**
   * Replaces the text of a live memory, one version later, with an EDIT history entry.
   *
   * @throws InvalidInputException ENGRAM-306 when no memory has this id in the scope
   */
  public Memory edit(Scope scope, String id, String text) {
    Scope owner = Checks.notNull(scope, "scope").requireOwner("edit a memory").withoutSession();
    Message checked = new Message("user", "user", Checks.notNull(text, "text"), Optional.empty());
    Checks.notBlank(id, "id");
    float[] vector = embedder.embedDocuments(List.of(checked.text().strip())).getFirst();
    return locks.write(owner, () -> {
      IndexRecord r = memories.record(owner, id).orElseThrow(() -> unknown(id));
      Memory old = MemoryLog.fromRecord(r);
      Memory m = old.revised(checked.text().strip(), old.importance(), old.provenance());
      WriteBatch.Builder write = WriteBatch.builder();
      MemoryLog.stage(write, m, vector);
      history.append(write, owner, id, Action.EDIT, clock.instant(), "edited by hand",
          Optional.of(m.text()), Optional.empty(), List.of());
      return new OwnerLocks.Planned<>(write.build(), m);
    });
  }

  /**
   * Forgets one memory everywhere it is said, as one write: deletes the memory and the texts of
   * its history (a FORGET entry without text remains), takes what it says out of the messages it
   * came from, the owner's other messages that say it and Engram's answers that repeated it
   * ({@link Redaction}: the clauses that say it go; a message left with nothing is emptied: no
   * text, no vector, its place in the session kept), and rebuilds the summary of every session
   * concerned from what is still believed. Then purges the deleted records from the stored files
   * when the index can, and the forgotten texts from the embedding cache. Forgetting a session
   * summary deletes only the summary.
   *
   * @return what was changed
   * @throws InvalidInputException ENGRAM-306 when no memory has this id in the scope
   */
  public Forgotten forget(Scope scope, String id) {
    Scope owner = Checks.notNull(scope, "scope").requireOwner("forget a memory").withoutSession();
    return forgetting.forget(owner, Checks.notBlank(id, "id"));
  }

  /**
   * Erases every message, memory, summary and history entry in the scope, in one write, then
   * purges them from the stored files when the index can, and their texts from the embedding
   * cache when the embedder keeps one ({@link EmbeddingErasure}: its file and every query kept). The scope must name a user; it selects
   * as {@link Fields#of} does: the user alone erases the user's data of every agent and session,
   * an agent or a session narrows it to the records of that agent or session. The history of an
   * erased memory goes with it, whichever session wrote the entry.
   *
   * @return how many records of each collection were erased
   * @throws InvalidInputException ENGRAM-301 when the scope has no user
   */
  public Map<String, Integer> erase(Scope scope) {
    String user = Checks.notNull(scope, "scope").requireUser("erase");
    Scope owner = Scope.ofTenant(scope.tenant()).withUser(user);
    Filter f = Fields.of(scope);
    ErasedTexts texts = new ErasedTexts();
    Map<String, Integer> counts = locks.write(owner, () -> {
      if (embedder instanceof EmbeddingErasure) {
        texts.messages(episodes.collection().list(f, MAX_LIST).stream().map(EpisodeLog::fromRecord).toList());
        memories.list(f, MAX_LIST).forEach(m -> texts.text(m.text()));
        index.collection(Fields.HISTORY).list(f, MAX_LIST).forEach(r -> texts.text(r.text()));
      }
      Map<String, Integer> held = new LinkedHashMap<>();
      WriteBatch.Builder write = WriteBatch.builder();
      for (String name : Fields.ALL) {
        if (name.equals(Fields.HISTORY)) {
          continue;
        }
        held.put(name, index.collection(name).count(f));
        write.delete(name, f);
      }
      held.put(Fields.HISTORY, eraseHistory(write, scope, owner, f));
      return new OwnerLocks.Planned<Map<String, Integer>>(write.build(), held);
    });
    if (index instanceof PhysicalErase purge) {
      purge.purgeDeleted();
    }
    if (embedder instanceof EmbeddingErasure cache) {
      cache.erase(texts.all());
    }
    return counts;
  }

  /** Stages the deletion of the history in {@code target} and of the memories erased with it. */
  private int eraseHistory(WriteBatch.Builder write, Scope target, Scope user, Filter f) {
    Collection log = index.collection(Fields.HISTORY);
    write.delete(Fields.HISTORY, f);
    if (target.agent().isEmpty() && target.session().isEmpty()) {
      return log.count(f);
    }
    // Edits write history without a session, and a later session may update an older memory.
    List<String> erased = memories.list(f, MAX_LIST).stream().map(Memory::id).toList();
    if (erased.isEmpty()) {
      return log.count(f);
    }
    Filter ofErased = HistoryLog.about(user, erased);
    write.delete(Fields.HISTORY, ofErased);
    Set<String> ids = new HashSet<>();
    log.list(f, MAX_LIST).forEach(r -> ids.add(r.id()));
    log.list(ofErased, MAX_LIST).forEach(r -> ids.add(r.id()));
    return ids.size();
  }

  private static InvalidInputException unknown(String id) {
    return new InvalidInputException("ENGRAM-306", "no memory with id '" + id + "' in this scope");
  }
}
