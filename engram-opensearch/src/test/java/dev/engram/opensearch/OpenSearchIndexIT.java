package dev.engram.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexContractTest;
import dev.engram.index.IndexHit;
import dev.engram.index.KeywordValues;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

  /**
   * 300 records over three shards, each with a tenant of five, words of a small vocabulary and a
   * seeded random vector: every shard scores its own BM25 statistics and HNSW graph, and the id
   * searches must still give the full searches' hits, scores and order exactly.
   */
  @Test
  void should_give_the_same_hits_and_records_as_full_reads_when_records_are_deferred_over_shards() {
    String uri = OpenSearchNode.uri(name(dir) + "-sharded") + "&shards=3";
    try (Index sharded = new OpenSearchIndexFactory().open(IndexConfig.of(uri, SPACE))) {
      Random random = new Random(42);
      String[] words = {"coffee", "tea", "milk", "sugar", "cake", "bread", "water", "juice"};
      List<IndexRecord> records = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 3 + random.nextInt(8); w++) {
          text.append(words[random.nextInt(words.length)]).append(' ');
        }
        records.add(new IndexRecord("r" + i, text.toString().strip(), randomVector(random),
            Map.of("tenant", List.of("t" + i % 5)), Map.of("time", (long) i)));
      }
      sharded.write(WriteBatch.builder().upsert("docs", records).build());
      OpenSearchCollection c = (OpenSearchCollection) sharded.collection("docs");
      int compared = 0;
      for (int q = 0; q < 20; q++) {
        String query = words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
        float[] vector = randomVector(random);
        Filter filter = q % 2 == 0 ? Filter.all() : Filter.eq("tenant", "t" + q % 5).andRange("time", 0, 200);
        for (boolean text : new boolean[] {true, false}) {
          List<IndexHit> full = text ? c.searchText(query, filter, 25) : c.searchVector(vector, filter, 25);
          List<IndexHit> ids = text ? c.searchTextIds(query, filter, 25) : c.searchVectorIds(vector, filter, 25);

          assertThat(full).isNotEmpty();
          assertThat(ids).extracting(h -> h.record().id()).isEqualTo(full.stream().map(h -> h.record().id()).toList());
          assertThat(ids).extracting(IndexHit::score).isEqualTo(full.stream().map(IndexHit::score).toList());
          assertThat(ids).extracting(IndexHit::rank).isEqualTo(full.stream().map(IndexHit::rank).toList());
          // The records read afterwards are those the full search carried, in the order asked.
          assertThat(c.records(ids.stream().map(h -> h.record().id()).toList()))
              .usingRecursiveFieldByFieldElementComparator()
              .isEqualTo(full.stream().map(IndexHit::record).toList());
          compared += full.size();
        }
      }
      assertThat(compared).isGreaterThan(500);
    }
  }

  private static float[] randomVector(Random random) {
    return new float[] {random.nextFloat() + 0.01f, random.nextFloat(), random.nextFloat(), random.nextFloat()};
  }

  /**
   * More values than one page of the aggregation, over three shards: every value once, in
   * order, only this collection's and this prefix's, and none whose last record was deleted.
   */
  @Test
  void should_list_every_value_of_this_collection_only_when_values_span_pages_and_shards() {
    String uri = OpenSearchNode.uri(name(dir) + "-values") + "&shards=3";
    int tenants = OpenSearchCollection.VALUES_PAGE * 2 + 100;
    try (Index sharded = new OpenSearchIndexFactory().open(IndexConfig.of(uri, SPACE))) {
      List<IndexRecord> records = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < tenants; i++) {
        String tenant = String.format("tenant-%05d", i);
        expected.add(tenant);
        // Two records for some tenants: a value is listed once however many records hold it.
        for (int r = 0; r < 1 + i % 2; r++) {
          records.add(new IndexRecord(tenant + "-" + r, "text", new float[0],
              Map.of("tenant", List.of(tenant)), Map.of()));
        }
      }
      sharded.write(WriteBatch.builder().upsert("docs", records).build());
      // Another tenant's records in another collection of this store, and in this collection of
      // another store on the same cluster (the contract's index): never listed here.
      sharded.write(WriteBatch.builder().upsert("other", new IndexRecord("o", "text", new float[0],
          Map.of("tenant", List.of("intruder-other-collection")), Map.of())).build());
      index.write(WriteBatch.builder().upsert("docs", new IndexRecord("p", "text", new float[0],
          Map.of("tenant", List.of("intruder-other-prefix")), Map.of())).build());
      KeywordValues values = (KeywordValues) sharded.collection("docs");

      assertThat(values.values("tenant", tenants + 10)).isEqualTo(expected);
      assertThat(values.values("tenant", OpenSearchCollection.VALUES_PAGE + 7))
          .isEqualTo(expected.subList(0, OpenSearchCollection.VALUES_PAGE + 7));
      assertThat(((KeywordValues) index.collection("docs")).values("tenant", 10))
          .containsExactly("intruder-other-prefix");

      // A tenant whose records are deleted is gone at once (Lucene's terms keep it until a merge).
      sharded.write(WriteBatch.builder().delete("docs", Filter.eq("tenant", expected.get(1))).build());
      assertThat(values.values("tenant", 3)).containsExactly(expected.get(0), expected.get(2), expected.get(3));
      assertThat(((KeywordValues) sharded.collection("never-written")).values("tenant", 10)).isEmpty();
    }
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
