package dev.engram.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.bridge.TestEngines;
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

      assertThatThrownBy(() -> store.delete(new FilterExpressionTextParser().parse("region == 'eu'")))
          .hasMessageContaining("deletes by document id");
      assertThatThrownBy(() -> store.similaritySearch(SearchRequest.builder().query("warranty")
          .filterExpression("year > 2020").build())).hasMessageContaining("cannot apply");
    }
  }
}
