package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Engram;
import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.InMemoryIndex;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metadata a document is added with comes back on its search hits, and deletes by metadata
 * remove exactly the documents that have it, in the scope's tenant and knowledge base only.
 */
class DocumentMetadataTest {
  private static final Scope ACME = Scope.ofTenant("acme");
  private static final Scope GLOBEX = Scope.ofTenant("globex");

  private Engram engram;

  @BeforeEach
  void open() {
    FakeEmbedder embedder = new FakeEmbedder(8);
    engram = Engram.builder().index(InMemoryIndex.create(embedder.space())).embedder(embedder)
        .tokenCounter(new Cl100kTokenCounter()).build();
  }

  @AfterEach
  void close() {
    engram.close();
  }

  private static Document doc(String id, String text, Map<String, String> metadata) {
    return new Document(id, "", "Warranty " + id, "text/plain", text, List.of(), List.of(), metadata);
  }

  private List<SearchHit> search(Scope scope) {
    return engram.search(scope, SearchRequest.of("warranty years", 10));
  }

  @Test
  void should_return_the_metadata_a_document_was_added_with_on_its_hits() {
    engram.addDocuments(ACME, List.of(doc("eu", "The warranty lasts three years in the EU.",
        Map.of("lang", "en", "region", "eu", "tags", "legal, support"))));

    SearchHit hit = search(ACME).getFirst();

    assertThat(hit.metadata()).isEqualTo(Map.of("lang", "en", "region", "eu", "tags", "legal,support"));
  }

  @Test
  void should_delete_only_the_documents_whose_metadata_matches_in_the_scope() {
    engram.addDocuments(ACME, List.of(
        doc("en-eu", "The warranty lasts three years in the EU.", Map.of("lang", "en", "region", "eu")),
        doc("en-us", "The warranty lasts one year in the US.", Map.of("lang", "en", "region", "us")),
        doc("de-eu", "Die Garantie dauert drei Jahre (warranty years).", Map.of("lang", "de", "region", "eu"))));
    engram.addDocuments(GLOBEX, List.of(
        doc("en-eu", "The warranty lasts three years in the EU.", Map.of("lang", "en", "region", "eu"))));

    List<KnowledgeDocument> deleted = engram.deleteDocuments(ACME, Map.of("lang", "en", "region", "eu"));

    assertThat(deleted).extracting(KnowledgeDocument::id).containsExactly("en-eu");
    assertThat(search(ACME)).extracting(SearchHit::documentId).containsExactlyInAnyOrder("en-us", "de-eu");
    assertThat(engram.documents(ACME, 10)).extracting(KnowledgeDocument::id).containsExactlyInAnyOrder("en-us", "de-eu");
    assertThat(search(GLOBEX)).extracting(SearchHit::documentId).containsExactly("en-eu");
    assertThat(engram.deleteDocuments(ACME, Map.of("lang", "fr"))).isEmpty();
    assertThat(engram.deleteDocuments(ACME.withKnowledgeBase("other"), Map.of("lang", "de"))).isEmpty();
    assertThat(engram.deleteDocuments(ACME, Map.of("region", "eu"))).extracting(KnowledgeDocument::id)
        .containsExactly("de-eu");
  }

  @Test
  void should_refuse_a_delete_by_metadata_without_any_key() {
    assertThatThrownBy(() -> engram.deleteDocuments(ACME, Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-952");
  }
}
