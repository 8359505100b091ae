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
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Long-term memory of users and agents on an index: remember conversations, recall what matters,
 * and manage (list, get with history, edit, forget, erase) what is kept. Writes are serialised
 * and each commits once, so whatever a call acknowledged survives a crash; reads run in parallel.
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
  private final Remembering remembering;
  private final Recaller recaller;

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
    this.remembering = new Remembering(episodes, memories, history, embedder,
        Checks.notNull(extractor, "extractor"), Checks.notNull(consolidator, "consolidator"), clock);
    this.recaller = new Recaller(episodes, memories, embedder, clock, Checks.notNull(weights, "weights"));
  }

  /** Remembers {@code messages}, said now unless they carry their own times. */
  public RememberResult remember(Scope scope, List<Message> messages) {
    return remember(scope, messages, Optional.empty());
  }

  /** Remembers {@code messages} said at {@code eventTime} (messages with their own time keep it). */
  public RememberResult remember(Scope scope, List<Message> messages, Instant eventTime) {
    return remember(scope, messages, Optional.of(Checks.notNull(eventTime, "eventTime")));
  }

  private synchronized RememberResult remember(Scope scope, List<Message> messages,
      Optional<Instant> eventTime) {
    Checks.notNull(scope, "scope").requireOwner("remember");
    if (Checks.notNull(messages, "messages").isEmpty()) {
      throw new InvalidInputException("ENGRAM-302", "there are no messages to remember: give at least one");
    }
    Scope session = scope.session().isPresent() ? scope : scope.withSession(DEFAULT_SESSION);
    return remembering.remember(session, List.copyOf(messages), eventTime);
  }

  /** The best memories and messages for a query; see {@link RecallQuery}. */
  public List<RecalledMemory> recall(RecallQuery query) {
    Checks.notNull(query, "query").scope().requireOwner("recall");
    return recaller.recall(query);
  }

  /** The memories of {@code scope}, oldest event first; closed ones only with {@code history}. */
  public List<Memory> list(Scope scope, boolean includeHistory) {
    Filter f = Fields.owner(Checks.notNull(scope, "scope").requireOwner("list memories"));
    return memories.list(includeHistory ? f : MemoryLog.live(f), MAX_LIST).stream()
        .sorted(Comparator.comparing(Memory::eventTime))
        .toList();
  }

  /** The memory with this id in {@code scope}, with its history. */
  public Optional<MemoryWithHistory> get(Scope scope, String id) {
    Scope owner = Checks.notNull(scope, "scope").requireOwner("get a memory").withoutSession();
    return memories.get(owner, Checks.notBlank(id, "id"))
        .map(m -> new MemoryWithHistory(m, history.of(owner, id)));
  }

  /** The messages of the episode log with these ids in {@code scope}, in the order given. */
  public List<Episode> messages(Scope scope, List<String> ids) {
    Scope owner = Checks.notNull(scope, "scope").requireOwner("read messages").withoutSession();
    return ids.stream().map(id -> episodes.get(owner, id)).flatMap(Optional::stream).toList();
  }

  /** The rolling summary of the session of {@code scope}, if it has one. */
  public Optional<Memory> summary(Scope scope) {
    Checks.notNull(scope, "scope").requireOwner("summarise a session");
    if (scope.session().isEmpty()) {
      throw new InvalidInputException("ENGRAM-301", "a session summary needs a session: pass --session S");
    }
    return remembering.summaries().of(scope);
  }

  /**
   * Replaces the text of a live memory, one version later, with an EDIT history entry.
   *
   * @throws InvalidInputException ENGRAM-306 when no memory has this id in the scope
   */
  public synchronized Memory edit(Scope scope, String id, String text) {
    Scope owner = Checks.notNull(scope, "scope").requireOwner("edit a memory").withoutSession();
    Message checked = new Message("user", "user", Checks.notNull(text, "text"), Optional.empty());
    IndexRecord r = memories.record(owner, Checks.notBlank(id, "id")).orElseThrow(() -> unknown(id));
    Memory old = MemoryLog.fromRecord(r);
    Memory m = old.revised(checked.text().strip(), old.importance(), old.provenance());
    memories.stage(m, embedder.embedDocuments(List.of(m.text())).getFirst());
    Instant now = clock.instant();
    history.append(owner, id, Action.EDIT, now, "edited by hand", Optional.of(m.text()),
        Optional.empty(), List.of());
    memories.collection().commit();
    history.commit();
    return m;
  }

  /**
   * Deletes one memory and the texts of its history; a FORGET entry without text remains.
   *
   * @throws InvalidInputException ENGRAM-306 when no memory has this id in the scope
   */
  public synchronized void forget(Scope scope, String id) {
    Scope owner = Checks.notNull(scope, "scope").requireOwner("forget a memory").withoutSession();
    Memory m = memories.get(owner, Checks.notBlank(id, "id")).orElseThrow(() -> unknown(id));
    memories.collection().deleteIds(List.of(m.id()));
    history.deleteOf(owner, id);
    history.append(m.scope(), id, Action.FORGET, clock.instant(), "forgotten on request",
        Optional.empty(), Optional.empty(), List.of());
    memories.collection().commit();
    history.commit();
  }

  /**
   * Erases every message, memory, summary and history entry of the scope's user, in every
   * collection, and purges them from the stored files.
   *
   * @return how many records each collection held for the user
   * @throws InvalidInputException ENGRAM-301 when the scope has no user
   */
  public synchronized Map<String, Integer> erase(Scope scope) {
    String user = Checks.notNull(scope, "scope").requireUser("erase");
    Filter f = Filter.eq("tenant", scope.tenant()).and("user", user);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String name : Fields.ALL) {
      Collection c = index.collection(name);
      counts.put(name, c.count(f));
      c.delete(f);
      c.commit();
      c.purgeDeleted();
    }
    return counts;
  }

  private static InvalidInputException unknown(String id) {
    return new InvalidInputException("ENGRAM-306",
        "no memory with id '" + id + "' in this scope: list them with `engram memories --user U`");
  }
}
