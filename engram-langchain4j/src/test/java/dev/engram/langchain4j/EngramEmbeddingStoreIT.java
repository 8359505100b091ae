package dev.engram.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.bridge.TestEngines;
import dev.engram.common.EngramException;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LangChain4j's embedding-store contract ({@code EmbeddingStoreWithoutMetadataIT}, {@code
 * ...WithFilteringIT}, {@code ...WithRemovalIT} in core's test-jar), ported to a store that keeps
 * text: those suites add and search raw vectors, which Engram refuses; every case about segments,
 * ids, maxResults, minScore, filters and removal is here, embedded and against a real server.
 */
@ParameterizedClass
@ValueSource(strings = {"embedded", "remote"})
class EngramEmbeddingStoreIT {
  private static final Map<String, TestEngines> ENGINES = new ConcurrentHashMap<>();
  private static final AtomicInteger KBS = new AtomicInteger();
  private static final Embedding ANY = Embedding.from(new float[] {0.1f, 0.2f, 0.3f});

  @Parameter String mode;

  /** A store on a knowledge base of its own, so the cases do not see each other's segments. */
  private EngramEmbeddingStore store() throws Exception {
    TestEngines engines = ENGINES.computeIfAbsent(mode, m -> {
      try {
        return TestEngines.start(m, Files.createTempDirectory("engram-lc4j-store-" + m));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return EngramEmbeddingStore.builder().engine(engines.engine()).kb("kb" + KBS.incrementAndGet()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    for (TestEngines e : ENGINES.values()) {
      e.close();
    }
  }

  private static List<EmbeddingMatch<TextSegment>> search(EngramEmbeddingStore store, String query, int max,
      double minScore) {
    return store.search(EmbeddingSearchRequest.builder().query(query).queryEmbedding(ANY).maxResults(max)
        .minScore(minScore).build()).matches();
  }

  @Test
  void should_find_the_segment_by_its_text_when_added_with_its_embedding() throws Exception {
    EngramEmbeddingStore store = store();
    String id = store.add(ANY, TextSegment.from("The Orbit Hub warranty lasts two years."));

    List<EmbeddingMatch<TextSegment>> matches = search(store, "how long is the warranty", 5, 0);

    assertThat(matches).singleElement().satisfies(m -> {
      assertThat(m.embeddingId()).isEqualTo(id);
      assertThat(m.embedded().text()).isEqualTo("The Orbit Hub warranty lasts two years.");
      assertThat(m.score()).isPositive();
    });
  }

  @Test
  void should_keep_the_given_ids_when_adding_several_segments() throws Exception {
    EngramEmbeddingStore store = store();
    store.addAll(List.of("reset-1", "pair-2"), List.of(ANY, ANY), List.of(
        TextSegment.from("Hold the reset button for ten seconds."),
        TextSegment.from("Pair the hub with the app over Bluetooth.")));

    List<EmbeddingMatch<TextSegment>> matches = search(store, "reset button pair bluetooth", 5, 0);

    assertThat(matches).extracting(EmbeddingMatch::embeddingId).containsExactlyInAnyOrder("reset-1", "pair-2");
    assertThat(matches).filteredOn(m -> m.embeddingId().equals("reset-1")).singleElement()
        .satisfies(m -> assertThat(m.embedded().text()).isEqualTo("Hold the reset button for ten seconds."));
  }

  @Test
  void should_return_at_most_max_results_and_none_under_min_score() throws Exception {
    EngramEmbeddingStore store = store();
    store.addAll(List.of("a", "b", "c"), List.of(ANY, ANY, ANY), List.of(TextSegment.from("hub reset"),
        TextSegment.from("hub reset button"), TextSegment.from("hub reset button ten seconds")));

    List<EmbeddingMatch<TextSegment>> all = search(store, "hub reset button", 10, 0);
    assertThat(all).hasSize(3);
    assertThat(search(store, "hub reset button", 2, 0)).hasSize(2);
    double second = all.get(1).score();
    assertThat(search(store, "hub reset button", 10, Math.nextUp(second)))
        .allSatisfy(m -> assertThat(m.score()).isGreaterThan(second)).hasSizeLessThan(3);
  }

  @Test
  void should_return_only_matching_segments_when_filtered_by_metadata() throws Exception {
    EngramEmbeddingStore store = store();
    store.addAll(List.of("eu", "us"), List.of(ANY, ANY), List.of(
        TextSegment.from("The warranty lasts three years.", Metadata.from("region", "eu")),
        TextSegment.from("The warranty lasts two years.", Metadata.from("region", "us"))));

    List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
        .query("warranty years").queryEmbedding(ANY).maxResults(5).filter(new IsEqualTo("region", "eu")).build()).matches();

    assertThat(matches).extracting(EmbeddingMatch::embeddingId).containsExactly("eu");
    assertThat(matches.getFirst().embedded().metadata().getString("region")).isEqualTo("eu");
  }

  @Test
  void should_not_find_segments_removed_by_a_metadata_filter() throws Exception {
    EngramEmbeddingStore store = store();
    store.addAll(List.of("a", "b", "c"), List.of(ANY, ANY, ANY), List.of(
        TextSegment.from("The kettle warranty lasts two years.", new Metadata().put("lang", "en").put("year", 2024)),
        TextSegment.from("The toaster warranty lasts one year.", new Metadata().put("lang", "en").put("year", 2025)),
        TextSegment.from("Die Garantie (warranty) dauert zwei Jahre.", new Metadata().put("lang", "de").put("year", 2024))));

    store.removeAll(new IsEqualTo("lang", "en").and(new IsEqualTo("year", 2024)));

    assertThat(search(store, "warranty kettle toaster Garantie", 10, 0)).extracting(EmbeddingMatch::embeddingId)
        .containsExactlyInAnyOrder("b", "c");
    assertThatThrownBy(() -> store.removeAll(new IsGreaterThan("year", 2020)))
        .isInstanceOfSatisfying(EngramException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-951"));
    assertThatThrownBy(() -> store.removeAll((dev.langchain4j.store.embedding.filter.Filter) null))
        .isInstanceOfSatisfying(EngramException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-952"));
  }

  @Test
  void should_not_find_removed_segments_when_removed_by_id() throws Exception {
    EngramEmbeddingStore store = store();
    store.addAll(List.of("keep", "drop"), List.of(ANY, ANY), List.of(TextSegment.from("hub reset steps"),
        TextSegment.from("hub reset button")));

    store.remove("drop");
    store.removeAll(List.of("never-added"));

    assertThat(search(store, "hub reset", 5, 0)).extracting(EmbeddingMatch::embeddingId).containsExactly("keep");
  }

  @Test
  void should_refuse_with_the_reason_when_asked_what_engram_cannot_do() throws Exception {
    EngramEmbeddingStore store = store();
    assertThatThrownBy(() -> store.add(ANY)).hasMessageContaining("add an embedding with its TextSegment")
        .isInstanceOfSatisfying(EngramException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-953"));
    assertThatThrownBy(() -> store.search(EmbeddingSearchRequest.builder().queryEmbedding(ANY).build()))
        .hasMessageContaining("set EmbeddingSearchRequest.query")
        .isInstanceOfSatisfying(EngramException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-954"));
    assertThatThrownBy(() -> store.search(EmbeddingSearchRequest.builder().query("x").queryEmbedding(ANY)
        .filter(new IsGreaterThan("year", 2020)).build())).hasMessageContaining("cannot apply")
        .hasMessageContaining("use IsEqualTo")
        .isInstanceOfSatisfying(EngramException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-951"));
  }
}
