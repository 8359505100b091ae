package dev.engram.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.bridge.TestEngines;
import dev.engram.common.EngramException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

/** {@link EngramVectorStore}: add, hybrid search with filters, delete by ids and expressions. */
class EngramVectorStoreIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void should_search_filter_and_delete_when_used_as_spring_ai_vector_store(String mode) throws Exception {
    try (TestEngines engines = TestEngines.start(mode, tmp)) {
      EngramVectorStore store = EngramVectorStore.builder().engine(engines.engine()).kb("policies").build();
      store.add(List.of(
          new Document("eu", "The warranty lasts three years in the EU.", Map.of("region", "eu", "title", "EU")),
          new Document("us", "The warranty lasts two years in the US.", Map.of("region", "us")),
          new Document("pair", "Pair the hub over Bluetooth.", Map.of("region", "eu"))));

      List<Document> hits = store.similaritySearch(SearchRequest.builder().query("how long is the warranty")
          .topK(2).build());
      assertThat(hits).hasSize(2).extracting(Document::getId).containsExactlyInAnyOrder("eu", "us");
      assertThat(hits).allSatisfy(d -> assertThat(d.getScore()).isPositive());
      assertThat(store.similaritySearch(SearchRequest.builder().query("warranty years")
          .filterExpression("region == 'eu'").build())).extracting(Document::getId)
          .containsExactlyInAnyOrder("eu", "pair");

      store.delete(List.of("us"));
      store.delete(new FilterExpressionTextParser().parse("id in ['pair']"));
      assertThat(store.similaritySearch(SearchRequest.builder().query("warranty years hub bluetooth").build()))
          .extracting(Document::getId).containsExactly("eu");

      assertThatThrownBy(() -> store.similaritySearch(SearchRequest.builder().query("warranty")
          .filterExpression("year > 2020").build())).hasMessageContaining("cannot apply")
          .isInstanceOfSatisfying(EngramException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-951"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void should_return_added_metadata_on_hits_and_delete_by_metadata_expressions(String mode) throws Exception {
    try (TestEngines engines = TestEngines.start(mode, tmp)) {
      EngramVectorStore store = EngramVectorStore.builder().engine(engines.engine()).kb("shop").build();
      EngramVectorStore other = EngramVectorStore.builder().engine(engines.engine()).kb("archive").build();
      store.add(List.of(
          new Document("a", "The kettle warranty lasts two years.", Map.of("lang", "en", "year", 2024, "source", "kettle.md")),
          new Document("b", "The toaster warranty lasts one year.", Map.of("lang", "en", "year", 2025)),
          new Document("c", "Die Garantie (warranty) des Wasserkochers dauert zwei Jahre.", Map.of("lang", "de", "year", 2024))));
      other.add(List.of(new Document("a", "The kettle warranty lasts two years.", Map.of("lang", "en", "year", 2024))));

      Document kettle = store.similaritySearch(SearchRequest.builder().query("kettle warranty")
          .filterExpression("id == 'a'").build()).getFirst();
      assertThat(kettle.getId()).isEqualTo("a");
      assertThat(kettle.getMetadata()).containsEntry("lang", "en").containsEntry("year", "2024")
          .containsEntry("source", "kettle.md").containsEntry("kb", "shop");

      store.delete(new FilterExpressionTextParser().parse("lang == 'en' && year == 2024"));
      assertThat(ids(store)).containsExactlyInAnyOrder("b", "c");
      store.delete(new FilterExpressionTextParser().parse("lang in ['de']"));
      assertThat(ids(store)).containsExactly("b");
      assertThat(ids(other)).containsExactly("a");

      for (String unsupported : List.of("year > 2020", "lang == 'en' || year == 2024", "lang in ['en', 'de']",
          "lang != 'en'")) {
        assertThatThrownBy(() -> store.delete(new FilterExpressionTextParser().parse(unsupported))).as(unsupported)
            .isInstanceOfSatisfying(EngramException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-951"))
            .hasMessageContaining("key == 'value'");
      }
      assertThat(ids(store)).containsExactly("b");
    }
  }

  private static List<String> ids(EngramVectorStore store) {
    return store.similaritySearch(SearchRequest.builder().query("warranty kettle toaster Garantie").topK(10).build())
        .stream().map(Document::getId).toList();
  }
}
