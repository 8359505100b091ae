package dev.engram.server.api;

import dev.engram.common.Scope;
import dev.engram.knowledge.KnowledgeDocument;
import dev.engram.server.ServerEngine;
import dev.engram.server.http.Access;
import dev.engram.server.http.Call;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/documents/delete}: deletes the documents of one knowledge base of the key's
 * tenant whose metadata has all the given values, matched exactly as {@code POST /v1/search}'s
 * {@code filters} match; for callers that know documents by what they were tagged with, not by
 * id (a vector store's delete by filter expression). An empty filter is refused (ENGRAM-952): it
 * would empty the knowledge base.
 */
public final class MetadataDeletesApi {
  private final ServerEngine engine;

  public MetadataDeletesApi(ServerEngine engine) {
    this.engine = engine;
  }

  public List<Route> routes() {
    return List.of(Route.post("/v1/documents/delete", Access.TENANT, this::delete));
  }

  /** The body: the knowledge base (default: the default one) and the metadata to match. */
  record DeleteBody(Optional<String> kb, Optional<Map<String, Object>> filters) {}

  /** The documents deleted, by id. */
  record DeletedDocuments(String kb, List<String> deleted) {}

  private Reply delete(Call call) {
    DeleteBody req = call.body(DeleteBody.class);
    Map<String, String> filters = Metadata.of(Optional.of(Call.required(req.filters(), "filters")));
    Scope scope = Scope.ofTenant(call.tenant()).withKnowledgeBase(req.kb().orElse(Scope.DEFAULT_KB));
    List<String> ids = engine.engram().deleteDocuments(scope, filters).stream()
        .map(KnowledgeDocument::id).toList();
    return Reply.ok(new DeletedDocuments(scope.knowledgeBases().getFirst(), ids));
  }
}
