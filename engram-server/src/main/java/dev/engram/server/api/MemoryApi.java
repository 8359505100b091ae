package dev.engram.server.api;

import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Decision;
import dev.engram.memory.model.HistoryEntry;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryWithHistory;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.MessageTimes;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.RememberResult;
import dev.engram.server.ServerEngine;
import dev.engram.server.http.Access;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.Call;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Memory over HTTP, in Mem0's shape: remember messages, search (recall), list, read, edit and
 * forget one memory, read its history, erase a user. A memory is found by id within the key's
 * tenant only; one of another tenant is not found, exactly as an id that does not exist.
 */
public final class MemoryApi {
  private final ServerEngine engine;
  private final Memories memories;

  public MemoryApi(ServerEngine engine) {
    this.engine = engine;
    this.memories = engine.engram().memories();
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/memories", Access.TENANT, this::remember),
        Route.post("/v1/memories/search", Access.TENANT, this::search),
        Route.get("/v1/memories", Access.TENANT, this::list),
        Route.get("/v1/memories/{id}", Access.TENANT, this::get),
        Route.put("/v1/memories/{id}", Access.TENANT, this::edit),
        Route.delete("/v1/memories/{id}", Access.TENANT, this::forget),
        Route.get("/v1/memories/{id}/history", Access.TENANT, this::history),
        Route.delete("/v1/users/{user_id}", Access.TENANT, this::erase));
  }

  /** One message to remember. */
  public record MessageBody(Optional<String> role, Optional<String> content, Optional<String> name,
      Optional<Instant> createdAt) {}

  /** Messages to remember: the body of {@code POST /v1/memories}; MCP's {@code add_memory} makes one. */
  public record RememberBody(Optional<String> userId, Optional<String> agentId, Optional<String> sessionId,
      Optional<List<MessageBody>> messages, Optional<Boolean> infer) {}

  /** What remembering did to one memory (ADD, UPDATE, SUPERSEDE, ...). */
  public record Event(String id, String memory, String event, Optional<String> previousId) {
    static Event of(Decision d) {
      return new Event(d.memoryId(), d.text(), d.action().name(), d.replacedId());
    }
  }

  /** What remembering did, and the ids of the logged messages. */
  public record Remembered(List<Event> results, List<String> episodeIds) {}

  private Reply remember(Call call) {
    return Reply.created(remember(call.tenant(), call.body(RememberBody.class)));
  }

  /** Remembers the messages of {@code req} for its user (or agent) in the tenant. */
  public Remembered remember(String tenant, RememberBody req) {
    Scope scope = Owners.scope(tenant, req.userId(), req.agentId(), req.sessionId());
    List<MessageBody> raw = Call.required(req.messages(), "messages");
    if (raw.isEmpty()) {
      throw ApiException.badField(ErrorCodes.MISSING_FIELD, "messages",
          "field 'messages' is empty: give at least one message");
    }
    List<Message> messages = new java.util.ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      MessageBody m = raw.get(i);
      String content = Call.required(m.content(), "messages[" + i + "].content");
      String role = m.role().orElse("user");
      // As the CLI: a user's words are said by the user (or the agent) the scope names.
      String owner = scope.user().or(scope::agent).orElseThrow();
      String speaker = m.name().filter(n -> !n.isBlank()).orElse(role.equals("user") ? owner : role);
      if (m.createdAt().isPresent()) {
        MessageTimes.notInTheFuture(m.createdAt().get(), engine.engram().clock().instant(),
            "messages[" + i + "].created_at");
      }
      messages.add(new Message(role, speaker, content, m.createdAt()));
    }
    RememberResult r = req.infer().orElse(true) ? memories.remember(scope, messages)
        : memories.log(scope, messages);
    return new Remembered(r.decisions().stream().map(Event::of).toList(), r.messageIds());
  }


  /** A recall: the body of {@code POST /v1/memories/search} and of MCP's {@code search_memory}. */
  public record SearchBody(Optional<String> userId, Optional<String> agentId, Optional<String> sessionId,
      Optional<String> query, Optional<Integer> topK, Optional<Instant> asOf,
      Optional<Boolean> includeHistory) {}

  /** The parts of a recalled memory's score. */
  public record RecallScores(double text, double dense, double relevance, double recency,
      double importance) {}

  /** One recalled memory with its score and provenance. */
  public record Recalled(String id, String memory, String kind, double score, RecallScores scores,
      Instant eventTime, Instant validFrom, Optional<Instant> validTo, List<String> provenance) {
    static Recalled of(RecalledMemory m) {
      var s = m.scores();
      return new Recalled(m.id(), m.text(), m.kind().label(), s.score(),
          new RecallScores(s.text(), s.dense(), s.relevance(), s.recency(), s.importance()),
          m.eventTime(), m.validFrom(), m.validTo(), m.provenance());
    }
  }

  private Reply search(Call call) {
    return Reply.ok(search(call.tenant(), call.body(SearchBody.class)));
  }

  /** Recalls the memories of {@code req}'s user (or agent) in the tenant that fit its query. */
  public KnowledgeApi.Results<Recalled> search(String tenant, SearchBody req) {
    Scope scope = Owners.scope(tenant, req.userId(), req.agentId(), req.sessionId());
    String query = Call.required(req.query(), "query");
    RecallQuery q = new RecallQuery(scope, query, req.topK().orElse(10), req.asOf(),
        req.includeHistory().orElse(false));
    return new KnowledgeApi.Results<>(memories.recall(q).stream().map(Recalled::of).toList());
  }

  /** One memory as the API shows it. */
  public record MemoryView(String id, String memory, String kind, double importance,
      Optional<String> userId, Optional<String> agentId, Optional<String> sessionId,
      Instant eventTime, Instant createdAt, Instant validFrom, Optional<Instant> validTo,
      List<String> provenance, int version) {
    static MemoryView of(Memory m) {
      return new MemoryView(m.id(), m.text(), m.kind().label(), m.importance(), m.scope().user(),
          m.scope().agent(), m.scope().session(), m.eventTime(), m.ingestTime(), m.validFrom(),
          m.validTo(), m.provenance(), m.version());
    }
  }

  private Reply list(Call call) {
    Scope scope = Owners.scope(call.tenant(), call.query("user_id"), call.query("agent_id"),
        call.query("session_id"));
    int page = call.intQuery("page", 1, 1, 1_000_000);
    int size = call.intQuery("page_size", 50, 1, KnowledgeApi.MAX_PAGE_SIZE);
    List<MemoryView> all = list(scope, call.boolQuery("include_history"));
    List<MemoryView> slice = all.subList(Math.min(all.size(), (page - 1) * size),
        Math.min(all.size(), (page - 1) * size + size));
    return Reply.ok(new KnowledgeApi.Page<>(slice, page, size, all.size()));
  }

  /** The memories of {@code scope} (a tenant's user or agent), with superseded ones if asked. */
  public List<MemoryView> list(Scope scope, boolean includeHistory) {
    return memories.list(scope, includeHistory).stream().map(MemoryView::of).toList();
  }

  private Reply get(Call call) {
    return Reply.ok(MemoryView.of(find(call).memory()));
  }

  record EditBody(Optional<String> text) {}

  private Reply edit(Call call) {
    EditBody req = call.body(EditBody.class);
    String text = Call.required(req.text(), "text");
    return Reply.ok(edit(find(call).memory(), text));
  }

  /**
   * Replaces the text of {@code m}, a live memory found by {@link #find}.
   *
   * @throws ApiException 409 when {@code m} was superseded
   */
  public MemoryView edit(Memory m, String text) {
    if (!m.live()) {
      throw new ApiException(409, ErrorCodes.CONFLICT, "memory '" + m.id() + "' was superseded on "
          + m.validTo().orElseThrow() + " and is kept as history: edit the memory that replaced it");
    }
    return MemoryView.of(memories.edit(m.scope().withoutSession(), m.id(), text));
  }

  /** A forgotten memory. */
  public record Forgotten(String id, boolean deleted) {}

  private Reply forget(Call call) {
    return Reply.ok(forget(find(call).memory()));
  }

  /** Deletes {@code m}, found by {@link #find}; its history records the deletion. */
  public Forgotten forget(Memory m) {
    memories.forget(m.scope().withoutSession(), m.id());
    return new Forgotten(m.id(), true);
  }

  /** One entry of a memory's history. */
  public record Change(String id, String memoryId, String event, Instant time, String reason,
      Optional<String> text, Optional<String> relatedId, List<String> provenance) {
    static Change of(HistoryEntry h) {
      return new Change(h.id(), h.memoryId(), h.action().name(), h.time(), h.reason(), h.text(),
          h.relatedId(), h.provenance());
    }
  }

  private Reply history(Call call) {
    return Reply.ok(history(find(call)));
  }

  /** The history of {@code m}, found by {@link #find}, oldest first. */
  public KnowledgeApi.Results<Change> history(MemoryWithHistory m) {
    return new KnowledgeApi.Results<>(m.history().stream().map(Change::of).toList());
  }

  record Erased(String userId, Map<String, Integer> erased) {}

  private Reply erase(Call call) {
    String user = call.path("user_id");
    Scope scope = Scope.ofTenant(call.tenant()).withUser(user);
    return Reply.ok(new Erased(user, memories.erase(scope)));
  }

  /**
   * The memory with the path's id in the caller's tenant, with its history. The id alone names
   * it (as in Mem0); the owner comes from the stored record, never from the request.
   */
  private MemoryWithHistory find(Call call) {
    return find(call.tenant(), call.path("id"), Optional.empty());
  }

  /**
   * The memory {@code id} of {@code tenant} with its history; when {@code user} is given, only
   * if it is that user's. Another tenant's or user's memory is not found, exactly as an id that
   * does not exist.
   *
   * @throws InvalidInputException ENGRAM-306 when there is no such memory
   */
  public MemoryWithHistory find(String tenant, String id, Optional<String> user) {
    return memories.find(tenant, id)
        .filter(m -> user.isEmpty() || m.memory().scope().user().equals(user))
        .orElseThrow(() -> new InvalidInputException("ENGRAM-306", "no memory with id '" + id + "'"));
  }
}
