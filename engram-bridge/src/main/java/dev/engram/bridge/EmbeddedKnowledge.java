package dev.engram.bridge;

import dev.engram.Engram;
import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.index.Filter;
import dev.engram.knowledge.Document;
import dev.engram.knowledge.KnowledgeDocument;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchMode;
import dev.engram.retrieval.SearchRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Knowledge of an embedded Engram. Added documents are written whole ({@link
 * Engram#addDocuments}) under the id they were added with, so that id finds, replaces and deletes
 * them; their metadata is kept on their chunks, comes back on hits and is what {@link
 * #deleteMatching} matches.
 */
final class EmbeddedKnowledge implements Knowledge {
  private final Engram engram;
  private final String tenant;

  EmbeddedKnowledge(Engram engram, String tenant) {
    this.engram = engram;
    this.tenant = tenant;
  }

  @Override
  public List<Passage> search(Search s) {
    Filter filter = Filter.all();
    for (Map.Entry<String, String> e : s.filters().entrySet()) {
      filter = filter.and(e.getKey(), e.getValue());
    }
    SearchRequest request = SearchRequest.of(s.query(), s.k())
        .withMode(SearchMode.valueOf(s.mode().toUpperCase(Locale.ROOT))).withFilter(filter);
    return engram.search(scope(s.kbs()), request).stream().map(EmbeddedKnowledge::passage).toList();
  }

  private static Passage passage(SearchHit h) {
    String id = h.externalId().isEmpty() ? h.documentId() : h.externalId();
    return new Passage(id, h.knowledgeBase(), h.title(), h.source(), h.text(), h.start(), h.end(),
        h.sectionPath(), h.scores().fused(), h.metadata());
  }

  @Override
  public void add(String kb, List<Doc> docs) {
    // A caller's "source" (a Spring AI reader's file name) is the document's source, as a posted
    // document's is.
    List<Document> documents = docs.stream().map(d -> new Document(d.id(), "",
        d.metadata().getOrDefault("source", ""), d.title(), "text/plain", d.text(), List.of(),
        List.of(), d.metadata())).toList();
    engram.addDocuments(scope(kb), documents); // one write batch for them all
  }

  @Override
  public void delete(String kb, List<String> ids) {
    Scope scope = scope(kb);
    for (String id : ids) {
      try {
        engram.deleteDocument(scope, id);
      } catch (InvalidInputException e) {
        if (!e.code().equals("ENGRAM-404")) { // an id not stored is ignored, as documented
          throw e;
        }
      }
    }
  }

  @Override
  public List<String> deleteMatching(String kb, Map<String, String> metadata) {
    return engram.deleteDocuments(scope(kb), metadata).stream()
        .map(d -> d.externalId().isEmpty() ? d.id() : d.externalId()).toList();
  }

  private Scope scope(String kb) {
    return scope(kb.isEmpty() ? List.of() : List.of(kb));
  }

  private Scope scope(List<String> kbs) {
    Scope s = Scope.ofTenant(tenant);
    return kbs.isEmpty() ? s : s.withKnowledgeBases(kbs);
  }
}
