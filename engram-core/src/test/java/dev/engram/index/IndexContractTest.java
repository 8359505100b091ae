package dev.engram.index;

import dev.engram.common.VectorSpace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engram.common.StorageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Index} implementation must have. A backend's test extends this class
 * and implements {@link #openIndex}; each test gets a fresh directory.
 */
public abstract class IndexContractTest {
  protected static final VectorSpace SPACE = new VectorSpace("test-model", 4);

  @TempDir protected Path dir;
  protected Index index;
  protected Collection docs;

  /** Opens (or reopens) the implementation's index in {@code dir}. */
  protected abstract Index openIndex(Path dir, VectorSpace space);

  @BeforeEach
  void open() {
    index = openIndex(dir, SPACE);
    docs = index.collection("docs");
  }

  @AfterEach
  void close() {
    index.close();
  }

  protected static IndexRecord record(String id, String text, float[] vector,
      Map<String, List<String>> keywords, Map<String, Long> longs) {
    return new IndexRecord(id, text, vector, keywords, longs);
  }

  protected static IndexRecord text(String id, String text) {
    return record(id, text, new float[0], Map.of(), Map.of());
  }

  protected static IndexRecord vec(String id, float... vector) {
    return record(id, "vector " + id, vector, Map.of(), Map.of());
  }

  protected void upsert(List<IndexRecord> records) {
    index.write(WriteBatch.builder().upsert("docs", records).build());
  }

  protected void delete(Filter filter) {
    index.write(WriteBatch.builder().delete("docs", filter).build());
  }

  protected void deleteIds(List<String> ids) {
    index.write(WriteBatch.builder().deleteIds("docs", ids).build());
  }

  private static List<String> ids(List<IndexHit> hits) {
    return hits.stream().map(h -> h.record().id()).toList();
  }

  /** Three records spread over users, times and an optional agent, for filter tests. */
  private void addScoped() {
    upsert(List.of(
        record("a", "coffee beans roasted dark", new float[] {1, 0, 0, 0},
            Map.of("user", List.of("ann"), "agent", List.of("bot1")), Map.of("time", 100L)),
        record("b", "coffee with milk", new float[] {0.9f, 0.1f, 0, 0},
            Map.of("user", List.of("ann")), Map.of("time", 200L)),
        record("c", "coffee shop downtown", new float[] {0.8f, 0.2f, 0, 0},
            Map.of("user", List.of("bob"), "agent", List.of("bot2")), Map.of("time", 300L))));
  }

  @Test
  void should_return_same_record_when_upserted_then_read_by_id() {
    IndexRecord original = record("r1", "The quick brown fox", new float[] {0.1f, 0.2f, 0.3f, 0.4f},
        Map.of("tags", List.of("animal", "fast"), "user", List.of("ann")),
        Map.of("time", 1_700_000_000_000L, "page", 3L));
    upsert(List.of(original));

    IndexRecord read = docs.get("r1").orElseThrow();
    assertThat(read.id()).isEqualTo("r1");
    assertThat(read.text()).isEqualTo(original.text());
    assertThat(read.vector()).containsExactly(original.vector());
    assertThat(read.keywords()).isEqualTo(original.keywords());
    assertThat(read.longs()).isEqualTo(original.longs());
    assertThat(docs.get("missing")).isEmpty();
  }

  @Test
  void should_return_empty_vector_when_record_has_none() {
    upsert(List.of(text("t", "no vector here")));

    assertThat(docs.get("t").orElseThrow().hasVector()).isFalse();
  }

  @Test
  void should_replace_record_when_same_id_upserted_again() {
    upsert(List.of(text("r1", "first version")));
    upsert(List.of(text("r1", "second version")));

    assertThat(docs.get("r1").orElseThrow().text()).isEqualTo("second version");
    assertThat(docs.count(Filter.all())).isEqualTo(1);
    assertThat(ids(docs.searchText("first", Filter.all(), 10))).isEmpty();
  }

  @Test
  void should_delete_only_matching_records_when_deleting_by_filter() {
    addScoped();

    delete(Filter.eq("user", "ann"));

    assertThat(docs.list(Filter.all(), 10)).extracting(IndexRecord::id).containsExactly("c");
  }

  @Test
  void should_delete_records_when_deleting_by_ids() {
    addScoped();

    deleteIds(List.of("a", "c", "unknown"));

    assertThat(docs.list(Filter.all(), 10)).extracting(IndexRecord::id).containsExactly("b");
  }

  @Test
  void should_rank_record_with_more_query_terms_first_when_searching_text() {
    upsert(List.of(
        text("1", "Vitamin D deficiency is linked to bone loss in older adults."),
        text("2", "Bone density scans measure calcium in bones."),
        text("3", "The weather today is sunny with light wind.")));

    List<IndexHit> hits = docs.searchText("vitamin D and bone loss", Filter.all(), 10);

    assertThat(ids(hits)).startsWith("1").doesNotContain("3");
    assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    assertThat(hits).extracting(IndexHit::rank).startsWith(0, 1);
  }

  @Test
  void should_match_inflected_forms_when_searching_text() {
    upsert(List.of(text("1", "She was running marathons"), text("2", "A quiet afternoon")));

    assertThat(ids(docs.searchText("runs marathon", Filter.all(), 5))).containsExactly("1");
  }

  @Test
  void should_return_at_most_k_hits() {
    for (int i = 0; i < 20; i++) {
      upsert(List.of(text("d" + i, "apple number " + i)));
    }

    assertThat(docs.searchText("apple", Filter.all(), 5)).hasSize(5);
    assertThat(docs.searchVector(new float[] {1, 0, 0, 0}, Filter.all(), 5)).isEmpty();
  }

  @Test
  void should_find_nearest_vectors_first_when_searching_vectors() {
    upsert(List.of(
        vec("x", 1, 0, 0, 0), vec("y", 0, 1, 0, 0), vec("xy", 0.7f, 0.7f, 0, 0),
        vec("z", 0, 0, 1, 0), text("plain", "no vector")));

    List<IndexHit> hits = docs.searchVector(new float[] {0.9f, 0.1f, 0, 0}, Filter.all(), 3);

    assertThat(ids(hits)).containsExactly("x", "xy", "y");
    assertThat(hits.get(0).score()).isBetween(0.9f, 1.0f);
    assertThat(hits.get(2).score()).isLessThan(hits.get(1).score());
  }

  @Test
  void should_apply_term_filter_when_searching_text_and_vectors() {
    addScoped();
    Filter bob = Filter.eq("user", "bob");

    assertThat(ids(docs.searchText("coffee", bob, 10))).containsExactly("c");
    assertThat(ids(docs.searchVector(new float[] {1, 0, 0, 0}, bob, 10))).containsExactly("c");
    assertThat(docs.count(bob)).isEqualTo(1);
  }

  @Test
  void should_apply_range_filter_when_searching_text_and_vectors() {
    addScoped();
    Filter recent = Filter.all().andRange("time", 150, 300);

    assertThat(ids(docs.searchText("coffee", recent, 10))).containsExactlyInAnyOrder("b", "c");
    assertThat(ids(docs.searchVector(new float[] {1, 0, 0, 0}, recent, 10)))
        .containsExactly("b", "c");
  }

  @Test
  void should_give_the_hits_of_full_searches_with_id_only_records_when_records_are_deferred() {
    assumeTrue(docs instanceof DeferredRecords, "the backend reads every hit's record");
    DeferredRecords deferred = (DeferredRecords) docs;
    addScoped();
    upsert(List.of(record("d", "coffee and cake", new float[] {0.7f, 0.3f, 0, 0}, Map.of("user", List.of("cy")),
        Map.of("time", 400L)))); // a batch of its own: its own segment in Lucene

    for (boolean text : new boolean[] {true, false}) {
      List<IndexHit> full = text ? docs.searchText("coffee", Filter.all(), 10)
          : docs.searchVector(new float[] {1, 0, 0, 0}, Filter.all(), 10);
      List<IndexHit> idOnly = text ? deferred.searchTextIds("coffee", Filter.all(), 10)
          : deferred.searchVectorIds(new float[] {1, 0, 0, 0}, Filter.all(), 10);

      assertThat(ids(idOnly)).hasSize(4).isEqualTo(ids(full));
      assertThat(idOnly).extracting(IndexHit::score).isEqualTo(full.stream().map(IndexHit::score).toList());
      assertThat(idOnly).extracting(IndexHit::rank).containsExactly(0, 1, 2, 3);
      assertThat(idOnly).allSatisfy(h -> assertThat(h.record()).usingRecursiveComparison()
          .isEqualTo(DeferredRecords.idOnly(h.record().id())));
    }
    assertThat(ids(deferred.searchTextIds("coffee", Filter.eq("user", "bob"), 10))).containsExactly("c");
  }

  @Test
  void should_read_records_in_the_order_asked_and_leave_out_deleted_ones_when_records_are_deferred() {
    assumeTrue(docs instanceof DeferredRecords, "the backend reads every hit's record");
    DeferredRecords deferred = (DeferredRecords) docs;
    addScoped();

    List<IndexRecord> read = deferred.records(List.of("c", "a", "missing"));

    assertThat(read).extracting(IndexRecord::id).containsExactly("c", "a");
    IndexRecord a = docs.get("a").orElseThrow();
    assertThat(read.get(1).text()).isEqualTo(a.text());
    assertThat(read.get(1).keywords()).isEqualTo(a.keywords());
    assertThat(read.get(1).longs()).isEqualTo(a.longs());
    assertThat(read.get(1).hasVector()).isFalse();
    deleteIds(List.of("a"));
    assertThat(deferred.records(List.of("a", "b"))).extracting(IndexRecord::id).containsExactly("b");
    assertThat(deferred.records(List.of())).isEmpty();
  }

  @Test
  void should_list_each_value_of_a_keyword_field_of_the_collection_when_values_are_listed() {
    assumeTrue(docs instanceof KeywordValues, "the backend does not list values");
    KeywordValues values = (KeywordValues) docs;
    addScoped();
    index.write(WriteBatch.builder().upsert("other", List.of(record("o", "other", new float[0],
        Map.of("user", List.of("cy")), Map.of()))).build());

    assertThat(values.values("user", 10)).containsExactly("ann", "bob");
    assertThat(values.values("user", 1)).containsExactly("ann");
    assertThat(values.values("no-such-field", 10)).isEmpty();
  }

  @Test
  void should_match_absent_or_equal_field_when_filtering_missing_or() {
    addScoped();
    Filter bot1 = Filter.all().andMissingOr("agent", "bot1");

    assertThat(ids(docs.searchText("coffee", bot1, 10))).containsExactlyInAnyOrder("a", "b");
    assertThat(ids(docs.searchVector(new float[] {1, 0, 0, 0}, bot1, 10)))
        .containsExactly("a", "b");
    assertThat(docs.count(bot1.and("user", "ann").andRange("time", 150, 250))).isEqualTo(1);
  }

  @Test
  void should_match_any_value_when_keyword_is_multi_valued() {
    upsert(List.of(record("m", "tagged", new float[0],
        Map.of("tag", List.of("red", "blue")), Map.of())));

    assertThat(docs.count(Filter.eq("tag", "blue"))).isEqualTo(1);
    assertThat(docs.count(Filter.eq("tag", "green"))).isZero();
  }

  @Test
  void should_list_ordered_by_id_up_to_limit() {
    upsert(List.of(text("b", "second"), text("c", "third"), text("a", "first")));
    upsert(List.of(text("a", "first again"), text("B", "upper case sorts first")));

    assertThat(docs.list(Filter.all(), 3)).extracting(IndexRecord::id).containsExactly("B", "a", "b");
    assertThat(docs.list(Filter.all(), 10)).extracting(IndexRecord::id)
        .containsExactly("B", "a", "b", "c");
  }

  @Test
  void should_keep_collections_apart() {
    Collection memories = index.collection("memories");
    upsert(List.of(text("same-id", "from docs")));
    index.write(WriteBatch.builder().upsert("memories", List.of(text("same-id", "from memories"))).build());

    assertThat(docs.get("same-id").orElseThrow().text()).isEqualTo("from docs");
    assertThat(ids(memories.searchText("docs", Filter.all(), 10))).isEmpty();
    index.write(WriteBatch.builder().delete("memories", Filter.all()).build());
    assertThat(docs.count(Filter.all())).isEqualTo(1);
    assertThat(memories.name()).isEqualTo("memories");
  }

  @Test
  void should_keep_committed_records_when_reopened() {
    addScoped();
    index.close();
    index.close();

    index = openIndex(dir, SPACE);
    Collection reopened = index.collection("docs");

    assertThat(reopened.count(Filter.all())).isEqualTo(3);
    assertThat(ids(reopened.searchText("milk", Filter.all(), 10))).containsExactly("b");
    assertThat(reopened.get("a").orElseThrow().vector()).containsExactly(1, 0, 0, 0);
  }

  @Test
  void should_refuse_to_open_when_vector_space_differs() {
    addScoped();
    index.close();

    assertThatThrownBy(() -> openIndex(dir, new VectorSpace("other-model", 4)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("test-model")
        .hasMessageContaining("other-model")
        .extracting(e -> ((StorageException) e).code()).isEqualTo("ENGRAM-501");
    assertThatThrownBy(() -> openIndex(dir, new VectorSpace("test-model", 8)))
        .isInstanceOf(StorageException.class);
    index = openIndex(dir, SPACE);
    assertThat(index.vectorSpace()).isEqualTo(SPACE);
  }

  @Test
  void should_reject_bad_search_arguments() {
    assertThatThrownBy(() -> docs.searchText("  ", Filter.all(), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    assertThatThrownBy(() -> docs.searchText("coffee", Filter.all(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
    assertThatThrownBy(() -> docs.searchVector(new float[] {1, 0, 0, 0}, Filter.all(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
    assertThatThrownBy(() -> docs.searchVector(new float[] {1, 0}, Filter.all(), 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
  }

  @Test
  void should_reject_record_when_vector_dimension_is_wrong() {
    assertThatThrownBy(() -> upsert(List.of(vec("ok", 1, 2, 3, 4), vec("bad", 1, 2, 3))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
    assertThatThrownBy(() -> upsert(List.of(vec("zero", 0, 0, 0, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero");

    assertThat(docs.count(Filter.all())).isZero();
  }

  @Test
  void should_store_nothing_of_a_batch_when_one_record_is_bad() {
    upsert(List.of(text("keep", "stored before")));
    WriteBatch bad = WriteBatch.builder()
        .delete("docs", Filter.all())
        .upsert("memories", List.of(text("m", "a memory")))
        .upsert("docs", List.of(vec("ok", 1, 0, 0, 0), vec("bad", 1, 0)))
        .build();

    assertThatThrownBy(() -> index.write(bad)).isInstanceOf(IllegalArgumentException.class);

    assertThat(docs.list(Filter.all(), 10)).extracting(IndexRecord::id).containsExactly("keep");
    assertThat(index.collection("memories").count(Filter.all())).isZero();
    upsert(List.of(text("next", "the next batch is clean")));
    assertThat(docs.count(Filter.all())).isEqualTo(2);
  }

  @Test
  void should_apply_a_guarded_batch_only_while_its_key_is_at_the_revision_read() {
    Revision fresh = index.revision("owner-ann");
    assertThat(fresh).isEqualTo(Revision.NONE);
    index.write(WriteBatch.builder().upsert("docs", text("a", "first")).build()
        .guarded("owner-ann", fresh));
    Revision after = index.revision("owner-ann");
    assertThat(after).isNotEqualTo(fresh);

    // A second writer that planned on the same revision is refused, with nothing stored.
    WriteBatch stale = WriteBatch.builder().upsert("docs", text("b", "planned on old state"))
        .deleteIds("docs", List.of("a")).build().guarded("owner-ann", fresh);
    assertThatThrownBy(() -> index.write(stale)).isInstanceOf(WriteConflictException.class)
        .extracting("code").isEqualTo("ENGRAM-970");
    WriteBatch staleDeletes = WriteBatch.builder().delete("docs", Filter.all()).build()
        .guarded("owner-ann", fresh);
    assertThatThrownBy(() -> index.write(staleDeletes)).isInstanceOf(WriteConflictException.class);
    assertThat(docs.list(Filter.all(), 10)).extracting(IndexRecord::id).containsExactly("a");
    assertThat(index.revision("owner-ann")).isEqualTo(after);

    // Unguarded writes do not move a key on; a writer that read again goes through.
    upsert(List.of(text("c", "unguarded")));
    assertThat(index.revision("owner-ann")).isEqualTo(after);
    index.write(WriteBatch.builder().upsert("docs", text("b", "planned on new state")).build()
        .guarded("owner-ann", after));
    assertThat(docs.list(Filter.all(), 10)).extracting(IndexRecord::id).containsExactly("a", "b", "c");
    assertThat(index.revision("owner-ann")).isNotIn(fresh, after);
  }

  @Test
  void should_let_exactly_one_of_concurrent_writers_win_a_revision() throws Exception {
    Revision read = index.revision("owner-bob");
    int writers = 6;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger won = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String id = "w" + i;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          start.await();
          index.write(WriteBatch.builder().upsert("docs", text(id, "writer " + id)).build()
              .guarded("owner-bob", read));
          won.incrementAndGet();
        } catch (WriteConflictException e) {
          refused.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }

    assertThat(won.get()).isEqualTo(1);
    assertThat(refused.get()).isEqualTo(writers - 1);
    assertThat(docs.count(Filter.all())).isEqualTo(1);
  }

  @Test
  void should_apply_operations_in_order_when_a_batch_deletes_then_upserts() {
    upsert(List.of(text("a", "old a"), text("b", "old b")));

    index.write(WriteBatch.builder()
        .delete("docs", Filter.all())
        .upsert("docs", List.of(text("a", "new a")))
        .deleteIds("docs", List.of("b"))
        .upsert("memories", List.of(text("m", "in the same batch")))
        .build());

    assertThat(docs.list(Filter.all(), 10)).extracting(IndexRecord::text).containsExactly("new a");
    assertThat(index.collection("memories").get("m")).isPresent();
  }

  @Test
  void should_score_vectors_by_exact_cosine() {
    float[] v = {3, 4, 0, 0}; // |v| = 5
    float[] q = {1, 2, 2, 0}; // |q| = 3, dot = 11
    upsert(List.of(vec("v", v), vec("opposite", -3, -4, 0, 0), vec("orthogonal", 0, 0, 0, 2)));

    List<IndexHit> hits = docs.searchVector(q, Filter.all(), 3);

    assertThat(ids(hits)).containsExactly("v", "orthogonal", "opposite");
    assertThat(hits.get(0).score()).isCloseTo(11f / 15f, org.assertj.core.data.Offset.offset(1e-4f));
    assertThat(hits.get(1).score()).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-4f));
    assertThat(hits.get(2).score()).isCloseTo(-11f / 15f, org.assertj.core.data.Offset.offset(1e-4f));
  }

  @Test
  void should_score_text_by_bm25_higher_for_rarer_terms() {
    upsert(List.of(text("1", "common words and a zebra"), text("2", "common words"),
        text("3", "common words again")));

    List<IndexHit> zebra = docs.searchText("zebra", Filter.all(), 10);
    List<IndexHit> common = docs.searchText("common", Filter.all(), 10);

    assertThat(ids(zebra)).containsExactly("1");
    assertThat(zebra.getFirst().score()).isGreaterThan(common.getFirst().score()).isPositive();
  }

  @Test
  void should_match_any_of_values_and_missing_fields() {
    addScoped();

    assertThat(docs.count(Filter.all().andAnyOf("user", List.of("ann", "bob")))).isEqualTo(3);
    assertThat(ids(docs.searchText("coffee", Filter.all().andAnyOf("agent", List.of("bot2", "x")), 10)))
        .containsExactly("c");
    assertThat(ids(docs.searchVector(new float[] {1, 0, 0, 0}, Filter.all().andMissing("agent"), 10)))
        .containsExactly("b");
    assertThat(docs.list(Filter.eq("user", "ann").andMissing("agent"), 10))
        .extracting(IndexRecord::id).containsExactly("b");
  }

  @Test
  void should_count_what_filter_matches_by_its_reference_semantics() {
    addScoped();
    List<Filter> filters = List.of(Filter.all(), Filter.eq("user", "ann"),
        Filter.all().andMissing("agent"), Filter.all().andMissingOr("agent", "bot2"),
        Filter.all().andRange("time", 100, 200).andAnyOf("user", List.of("bob", "ann")));
    List<IndexRecord> all = docs.list(Filter.all(), 10);

    for (Filter f : filters) {
      assertThat(docs.count(f)).as(f.toString()).isEqualTo((int) all.stream().filter(f::matches).count());
    }
  }
}
