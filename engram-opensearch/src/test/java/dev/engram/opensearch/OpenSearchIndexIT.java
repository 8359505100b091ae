package dev.engram.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexContractTest;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The index contract against a real OpenSearch node: each test's directory stands for an index
 * prefix of its own, so reopening the same directory reopens the same OpenSearch indexes.
 */
@ExtendWith(OpenSearchNode.class)
class OpenSearchIndexIT extends IndexContractTest {

  private static String name(Path dir) {
    return "c" + Integer.toHexString(dir.toString().hashCode());
  }

  @Override
  protected Index openIndex(Path dir, VectorSpace space) {
    return new OpenSearchIndexFactory().open(IndexConfig.of(OpenSearchNode.uri(name(dir)), space));
  }

  @Test
  void should_read_what_the_writer_wrote_and_refuse_writes_when_opened_read_only() {
    IndexConfig config = IndexConfig.of(OpenSearchNode.uri(name(dir)), SPACE).asReadOnly();
    try (Index reader = new OpenSearchIndexFactory().open(config)) {
      index.write(WriteBatch.builder().upsert("docs", new IndexRecord("a", "written by the writer",
          new float[] {1, 0, 0, 0}, Map.of(), Map.of())).build());

      assertThat(reader.collection("docs").get("a")).isPresent();
      assertThat(reader.collection("docs").count(Filter.all())).isEqualTo(1);
      assertThatThrownBy(() -> reader.write(WriteBatch.builder().deleteIds("docs", List.of("a")).build()))
          .isInstanceOf(StorageException.class)
          .extracting(e -> ((StorageException) e).code()).isEqualTo("ENGRAM-503");
      assertThat(docs.count(Filter.all())).isEqualTo(1);
    }
  }

  @Test
  void should_read_empty_collections_when_opened_read_only_on_a_prefix_never_written() {
    IndexConfig config = IndexConfig.of(OpenSearchNode.uri("never-written"), SPACE).asReadOnly();
    try (Index reader = new OpenSearchIndexFactory().open(config)) {
      assertThat(reader.collection("docs").count(Filter.all())).isZero();
      assertThat(reader.collection("docs").searchText("anything", Filter.all(), 3)).isEmpty();
    }
  }
}
