package dev.engram.server.console;

import dev.engram.common.InvalidInputException;
import dev.engram.index.Collection;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.HistoryEntry;
import dev.engram.memory.model.MemoryWithHistory;
import dev.engram.memory.store.Fields;
import dev.engram.memory.store.MemoryLog;
import dev.engram.server.ServerEngine;
import dev.engram.server.http.Access;
import dev.engram.server.http.Call;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/memories/{id}/messages}: the messages a memory came from, verbatim, for the
 * memory and every version in its history (its provenance points at them). Found by id within the
 * key's tenant only, as {@code GET /v1/memories/{id}} is.
 */
public final class MessagesApi {
  private final Memories memories;
  private final Collection records;

  public MessagesApi(ServerEngine engine) {
    this.memories = engine.engram().memories();
    this.records = engine.index().collection(Fields.MEMORIES);
  }

  public List<Route> routes() {
    return List.of(Route.get("/v1/memories/{id}/messages", Access.TENANT, this::messages));
  }

  record MessageView(String id, String role, String speaker, String content, Instant createdAt,
      Optional<String> sessionId, long sequence, String origin) {
    static MessageView of(Episode e) {
      return new MessageView(e.id(), e.role(), e.speaker(), e.text(), e.eventTime(),
          e.scope().session(), e.sequence(), e.origin().name().toLowerCase(Locale.ROOT));
    }
  }

  record Messages(String memoryId, List<MessageView> results) {}

  private Reply messages(Call call) {
    String id = call.path("id");
    MemoryWithHistory m = records.get(id)
        .filter(r -> r.keyword(KnowledgeRecords.TENANT).orElse("").equals(call.tenant()))
        .map(MemoryLog::fromRecord)
        .flatMap(mem -> memories.get(mem.scope().withoutSession(), id))
        .orElseThrow(() -> new InvalidInputException("ENGRAM-306", "no memory with id '" + id + "'"));
    Set<String> ids = new LinkedHashSet<>(m.memory().provenance());
    for (HistoryEntry h : m.history()) {
      ids.addAll(h.provenance());
    }
    List<MessageView> found = memories.messages(m.memory().scope().withoutSession(), List.copyOf(ids))
        .stream().map(MessageView::of)
        .sorted(java.util.Comparator.comparing(MessageView::createdAt).thenComparing(MessageView::sequence))
        .toList();
    return Reply.ok(new Messages(id, found));
  }
}
