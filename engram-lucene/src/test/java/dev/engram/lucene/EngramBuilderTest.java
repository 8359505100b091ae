package dev.engram.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Engram;
import dev.engram.common.EngramException;
import dev.engram.common.Scope;
import dev.engram.common.StorageException;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.retrieval.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder opens the backend its URI names, and closes what it opened when a step fails. */
class EngramBuilderTest {
  @TempDir Path dir;

  private Engram.Builder builder(FakeEmbedder embedder) {
    return Engram.builder().dataDirectory(dir).embedder(embedder)
        .tokenCounter(new Cl100kTokenCounter());
  }

  @Test
  void should_open_lucene_by_uri_and_read_beside_the_writer() throws IOException {
    Path file = Files.writeString(dir.resolve("a.md"), "# A\n\nThe lamp resets after ten seconds.\n");
    try (Engram writer = builder(new FakeEmbedder(8)).index("lucene:" + dir.resolve("idx")).build();
        Engram reader = builder(new FakeEmbedder(8)).index("lucene:" + dir.resolve("idx"))
            .readOnly(true).build()) {
      writer.ingest(Scope.ofTenant("t"), List.of(file), IngestOptions.defaults(), IngestListener.NONE);

      assertThat(reader.search(Scope.ofTenant("t"), SearchRequest.of("lamp resets", 3))).hasSize(1);
      Path other = Files.writeString(dir.resolve("b.md"), "# B\n\nA second file.\n");
      assertThatThrownBy(() -> reader.ingest(Scope.ofTenant("t"), List.of(other),
          IngestOptions.defaults(), IngestListener.NONE))
          .isInstanceOf(StorageException.class)
          .extracting(e -> ((StorageException) e).code()).isEqualTo("ENGRAM-503");
    }
  }

  @Test
  void should_close_the_embedder_when_the_index_is_held_by_another_writer() {
    FakeEmbedder second = new FakeEmbedder(8);
    try (Engram first = builder(new FakeEmbedder(8)).build()) {
      assertThatThrownBy(() -> builder(second).build())
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("process " + ProcessHandle.current().pid())
          .extracting(e -> ((StorageException) e).code()).isEqualTo("ENGRAM-502");
    }
    assertThat(second.closes()).isEqualTo(1);
  }

  @Test
  void should_name_the_missing_module_when_no_backend_serves_the_uri() {
    FakeEmbedder embedder = new FakeEmbedder(8);

    assertThatThrownBy(() -> builder(embedder).index("opensearch://localhost:9200").build())
        .isInstanceOf(EngramException.class)
        .hasMessageContaining("engram-opensearch")
        .extracting(e -> ((EngramException) e).code()).isEqualTo("ENGRAM-001");
    assertThatThrownBy(() -> builder(embedder).index("no-scheme-here").build())
        .isInstanceOf(EngramException.class).hasMessageContaining("lucene:PATH");
    assertThat(embedder.closes()).isEqualTo(2);
  }

  @Test
  void should_refuse_another_embedding_model_and_close_what_it_opened() {
    try (Engram first = builder(new FakeEmbedder("model-a", 8)).build()) {
      first.memories(); // opened and closed with its own model
    }
    FakeEmbedder other = new FakeEmbedder("model-b", 8);

    assertThatThrownBy(() -> builder(other).build())
        .isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).code()).isEqualTo("ENGRAM-501");
    assertThat(other.closes()).isEqualTo(1);
  }
}
