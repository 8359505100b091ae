package dev.engram.memory.store;

import dev.engram.index.Filter;
import dev.engram.index.IndexRecord;
import dev.engram.common.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collection and field names of memory records, and the scope filters every read starts from. */
public final class Fields {
  /** Collection of verbatim messages. */
  public static final String EPISODES = "episodes";
  /** Collection of memories, session summaries included. */
  public static final String MEMORIES = "memories";
  /** Collection of history entries. */
  public static final String HISTORY = "memory-history";
  /** Every collection that holds data of a user: erase covers all of them. */
  public static final List<String> ALL = List.of(EPISODES, MEMORIES, HISTORY);

  static final String TENANT = "tenant";
  static final String USER = "user";
  static final String AGENT = "agent";
  static final String SESSION = "session";
  static final String ROLE = "role";
  static final String SPEAKER = "speaker";
  static final String KIND = "kind";
  static final String SLOT = "slot";
  static final String PROVENANCE = "provenance";
  static final String MEMORY_ID = "memoryId";
  static final String ACTION = "action";
  static final String REASON = "reason";
  static final String RELATED = "related";
  static final String EVENT_TIME = "eventTime";
  static final String INGEST_TIME = "ingestTime";
  public static final String VALID_FROM = "validFrom";
  public static final String VALID_TO = "validTo";
  static final String SEQUENCE = "seq";
  static final String TEXT_START = "textStart";
  static final String IMPORTANCE = "importanceMillis";
  static final String VERSION = "version";
  static final String HAS_TEXT = "hasText";
  /** Keyword of a message of a question put to Engram (asked, answer); absent on what was said. */
  static final String ORIGIN = "origin";
  /**
   * Keyword of a message whose every word was forgotten: kept without text or vector so that the
   * session's sequence numbers (a count) stay unique; never read back as a message.
   */
  static final String EMPTIED = "emptied";
  /** The validTo stored for a live memory: open-ended. */
  public static final long OPEN = Long.MAX_VALUE;

  private Fields() {}

  /**
   * The filter selecting everything of {@code scope}: tenant first, then each part the scope
   * names. A user's scope sees all of the user's agents and sessions. A scope with no user sees
   * only records with no user: an agent's own memories, never those of the agent's users.
   */
  public static Filter of(Scope scope) {
    Filter f = Filter.eq(TENANT, scope.tenant());
    if (scope.user().isPresent()) {
      f = f.and(USER, scope.user().get());
    } else {
      f = f.andMissing(USER);
    }
    if (scope.agent().isPresent()) {
      f = f.and(AGENT, scope.agent().get());
    }
    if (scope.session().isPresent()) {
      f = f.and(SESSION, scope.session().get());
    }
    return f;
  }

  /** The filter of the long-term owner of {@code scope}: as {@link #of} without the session. */
  public static Filter owner(Scope scope) {
    return of(scope.withoutSession());
  }

  static Map<String, List<String>> scopeKeywords(Scope scope) {
    Map<String, List<String>> k = new HashMap<>();
    k.put(TENANT, List.of(scope.tenant()));
    scope.user().ifPresent(v -> k.put(USER, List.of(v)));
    scope.agent().ifPresent(v -> k.put(AGENT, List.of(v)));
    scope.session().ifPresent(v -> k.put(SESSION, List.of(v)));
    return k;
  }

  /** Whether a record read by id belongs to {@code scope} (the same rule as {@link #of}). */
  public static boolean inScope(IndexRecord r, Scope scope) {
    return of(scope).matches(r);
  }

  static Scope scopeOf(IndexRecord r) {
    return new Scope(
        r.keyword(TENANT).orElse(Scope.DEFAULT_TENANT), r.keyword(USER), r.keyword(AGENT),
        r.keyword(SESSION));
  }

  static List<String> list(List<String> values) {
    return new ArrayList<>(values);
  }
}
