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

  record MessageBody(Optional<String> role, Optional<String> content, Optional<String> name,
      Optional<Instant> createdAt) {}

  record RememberBody(Optional<String> userId, Optional<String> agentId, Optional<String> sessionId,
      Optional<List<MessageBody>> messages, Optional<Boolean> infer) {}

  record Event(String id, String memory, String event, Optional<String> previousId) {
    static Event of(Decision d) {
      return new Event(d.memoryId(), d.text(), d.action().name(), d.replacedId());
    }
  }

  record Remembered(List<Event> results, List<String> episodeIds) {}

  private Reply remember(Call call) {
    RememberBody req = call.body(RememberBody.class);
    Scope scope = Owners.scope(call.tenant(), req.userId(), req.agentId(), req.sessionId());
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
    return Reply.created(new Remembered(r.decisions().stream().map(Event::of).toList(),
        r.messageIds()));
  }


  record SearchBody(Optional<String> userId, Optional<String> agentId, Optional<String> sessionId,
      Optional<String> query, Optional<Integer> topK, Optional<Instant> asOf,
      Optional<Boolean> includeHistory) {}

  record RecallScores(double text, double dense, double relevance, double recency,
      double importance) {}

  record Recalled(String id, String memory, String kind, double score, RecallScores scores,
      Instant eventTime, Instant validFrom, Optional<Instant> validTo, List<String> provenance) {
    static Recalled of(RecalledMemory m) {
      var s = m.scores();
      return new Recalled(m.id(), m.text(), m.kind().label(), s.score(),
          new RecallScores(s.text(), s.dense(), s.relevance(), s.recency(), s.importance()),
          m.eventTime(), m.validFrom(), m.validTo(), m.provenance());
    }
  }

  private Reply search(Call call) {
    SearchBody req = call.body(SearchBody.class);
    Scope scope = Owners.scope(call.tenant(), req.userId(), req.agentId(), req.sessionId());
    String query = Call.required(req.query(), "query");
    RecallQuery q = new RecallQuery(scope, query, req.topK().orElse(10), req.asOf(),
        req.includeHistory().orElse(false));
    return Reply.ok(new KnowledgeApi.Results<>(memories.recall(q).stream().map(Recalled::of).toList()));
  }

  record MemoryView(String id, String memory, String kind, double importance,
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
    List<Memory> all = memories.list(scope, call.boolQuery("include_history"));
    List<MemoryView> slice = all.subList(Math.min(all.size(), (page - 1) * size),
        Math.min(all.size(), (page - 1) * size + size)).stream().map(MemoryView::of).toList();
    return Reply.ok(new KnowledgeApi.Page<>(slice, page, size, all.size()));
  }

  private Reply get(Call call) {
    return Reply.ok(MemoryView.of(find(call).memory()));
  }

  record EditBody(Optional<String> text) {}

  private Reply edit(Call call) {
    EditBody req = call.body(EditBody.class);
    String text = Call.required(req.text(), "text");
    Memory m = find(call).memory();
    if (!m.live()) {
      throw new ApiException(409, ErrorCodes.CONFLICT, "memory '" + m.id() + "' was superseded on "
          + m.validTo().orElseThrow() + " and is kept as history: edit the memory that replaced it");
    }
    return Reply.ok(MemoryView.of(memories.edit(m.scope().withoutSession(), m.id(), text)));
  }

  record Forgotten(String id, boolean deleted) {}

  private Reply forget(Call call) {
    Memory m = find(call).memory();
    memories.forget(m.scope().withoutSession(), m.id());
    return Reply.ok(new Forgotten(m.id(), true));
  }

  record Change(String id, String memoryId, String event, Instant time, String reason,
      Optional<String> text, Optional<String> relatedId, List<String> provenance) {
    static Change of(HistoryEntry h) {
      return new Change(h.id(), h.memoryId(), h.action().name(), h.time(), h.reason(), h.text(),
          h.relatedId(), h.provenance());
    }
  }

  private Reply history(Call call) {
    MemoryWithHistory m = find(call);
    return Reply.ok(new KnowledgeApi.Results<>(m.history().stream().map(Change::of).toList()));
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
    String id = call.path("id");
    return memories.find(call.tenant(), id)
        .orElseThrow(() -> new InvalidInputException("ENGRAM-306", "no memory with id '" + id + "'"));
  }
}
