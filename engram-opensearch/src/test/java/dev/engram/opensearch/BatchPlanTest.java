package dev.engram.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.index.Filter;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
  private static IndexRecord rec(String id, String user) {
    return new IndexRecord(id, "text " + id, new float[0], Map.of("user", List.of(user)), Map.of());
  }

  /** The stored records of "docs": a and b of ann, c of bob. */
  private static List<String> stored(String collection, Filter filter) {
    return List.of(rec("a", "ann"), rec("b", "ann"), rec("c", "bob")).stream()
        .filter(r -> collection.equals("docs") && filter.matches(r)).map(IndexRecord::id).toList();
  }

  @Test
  void should_judge_a_record_written_earlier_in_the_batch_by_its_new_content_when_deleting_by_filter() {
    WriteBatch batch = WriteBatch.builder()
        .upsert("docs", rec("a", "bob"))          // a now belongs to bob: the delete spares it
        .upsert("docs", rec("n", "ann"))          // a new record of ann: the delete removes it
        .delete("docs", Filter.eq("user", "ann")) // b (stored) goes too
        .upsert("docs", rec("m", "ann"))          // written after the delete: stays
        .build();

    Map<BatchPlan.Key, Optional<IndexRecord>> states = BatchPlan.of(batch, BatchPlanTest::stored).states();

    assertThat(states.get(new BatchPlan.Key("docs", "a"))).hasValueSatisfying(r ->
        assertThat(r.keywordValues("user")).containsExactly("bob"));
    assertThat(states.get(new BatchPlan.Key("docs", "n"))).isEmpty();
    assertThat(states.get(new BatchPlan.Key("docs", "b"))).isEmpty();
    assertThat(states.get(new BatchPlan.Key("docs", "m"))).isPresent();
    assertThat(states).doesNotContainKey(new BatchPlan.Key("docs", "c"));
  }

  @Test
  void should_keep_collections_apart_when_the_same_id_is_in_two() {
    WriteBatch batch = WriteBatch.builder()
        .upsert("memories", rec("a", "ann"))
        .delete("docs", Filter.all())
        .build();

    Map<BatchPlan.Key, Optional<IndexRecord>> states = BatchPlan.of(batch, BatchPlanTest::stored).states();

    assertThat(states.get(new BatchPlan.Key("memories", "a"))).isPresent();
    assertThat(states.get(new BatchPlan.Key("docs", "a"))).isEmpty();
    assertThat(BatchPlan.of(batch, BatchPlanTest::stored).writtenCollections()).containsExactly("memories");
  }
}
