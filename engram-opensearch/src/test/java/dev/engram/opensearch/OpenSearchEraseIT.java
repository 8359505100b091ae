package dev.engram.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.common.VectorSpace;
import dev.engram.index.Filter;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Physical erase on a real node: after a delete by filter ({@code _delete_by_query}) and {@link
 * OpenSearchIndex#purgeDeleted} ({@code _forcemerge?only_expunge_deletes=true}), the erased text
 * is in no search, no {@code _source}, and no file of the index on the node's disk.
 */
@ExtendWith(OpenSearchNode.class)
class OpenSearchEraseIT {
  private static final String SECRET = "Xylophonequartz";
  private static final VectorSpace SPACE = new VectorSpace("test-model", 4);

  @Test
  void should_leave_no_trace_of_erased_records_in_search_source_or_files() throws Exception {
    String prefix = OpenSearchNode.prefix("erase");
    try (OpenSearchIndex index = OpenSearchIndex.open(IndexConfig.of(OpenSearchNode.uri("erase"), SPACE))) {
      List<IndexRecord> records = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String user = i % 3 == 0 ? "victim" : "keeper";
        String text = user.equals("victim") ? "my cat " + SECRET + " number " + i : "my dog number " + i;
        records.add(new IndexRecord("r" + i, text, new float[] {1, i, 0, 1},
            Map.of("user", List.of(user)), Map.of("time", (long) i)));
        // One batch per record, as remembering does: many small segments, some with deletes.
        index.write(WriteBatch.builder().upsert("memories", records.getLast()).build());
      }
      List<Path> folders = NodeFiles.indexFolders(prefix + "-*");
      // The positive control: before erasing, the secret is on disk, so the scan below can find it.
      assertThat(NodeFiles.containing(folders, SECRET)).isNotEmpty();
      assertThat(index.collection("memories").searchText(SECRET, Filter.all(), 10)).hasSize(10);

      index.write(WriteBatch.builder().delete("memories", Filter.eq("user", "victim")).build());
      index.purgeDeleted();

      assertThat(index.collection("memories").searchText(SECRET, Filter.all(), 10)).isEmpty();
      assertThat(index.collection("memories").get("r0")).isEmpty();
      assertThat(index.collection("memories").count(Filter.all())).isEqualTo(20);
      String sources = OpenSearchNode.send("GET", "/" + prefix + "-*/_search?size=100").body();
      assertThat(sources).contains("my dog number 1").doesNotContain(SECRET);
      String stats = OpenSearchNode.send("GET", "/" + prefix + "-memories/_stats/docs").body();
      assertThat(new ObjectMapper().readTree(stats).path("_all").path("primaries").path("docs")
          .path("deleted").asInt(-1)).as(stats + OpenSearchNode.send("GET", "/_cat/segments/" + prefix + "-memories?v").body()).isZero();
      assertThat(NodeFiles.containing(folders, SECRET)).isEmpty();
    }
  }
}
