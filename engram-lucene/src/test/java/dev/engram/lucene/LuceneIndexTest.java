package dev.engram.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexContractTest;
import dev.engram.index.IndexFactory;
import dev.engram.index.IndexRecord;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.index.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;

class LuceneIndexTest extends IndexContractTest {

  @Override
  protected Index openIndex(java.nio.file.Path dir, VectorSpace space) {
    return LuceneIndex.open(dir, space);
  }

  @Test
  void should_pick_the_lucene_factory_by_its_scheme() {
    List<IndexFactory> factories = ServiceLoader.load(IndexFactory.class).stream()
        .map(ServiceLoader.Provider::get).filter(f -> f.scheme().equals("lucene")).toList();

    assertThat(factories).singleElement().isInstanceOf(LuceneIndexFactory.class);
  }

  @Test
  void should_rank_a_word_of_the_title_above_the_same_word_in_the_text() {
    // The same length and one "flutter" each: by BM25 over the text alone the two tie, and the
    // record written first would come first.
    upsert(List.of(
        titled("in-text", "Notes\n\n", "flutter of a wing seen in tests"),
        titled("in-title", "Flutter\n\n", "notes of a wing seen in tests")));

    assertThat(docs.searchText("flutter", Filter.all(), 2))
        .extracting(h -> h.record().id()).containsExactly("in-title", "in-text");
  }

  private static IndexRecord titled(String id, String title, String body) {
    return record(id, title + body, new float[0], java.util.Map.of(),
        java.util.Map.of(KnowledgeRecords.HEADER, (long) title.length()));
  }

  @Test
  void should_store_every_collection_in_one_index_and_the_model_beside_it() {
    upsert(List.of(text("a", "hello")));
    index.write(WriteBatch.builder().upsert("memories", List.of(text("m", "hi"))).build());

    assertThat(dir.resolve("store")).isDirectory();
    assertThat(dir.resolve("docs")).doesNotExist();
    assertThat(dir.resolve("vector-space.properties")).content().contains("model=test-model");
  }

  @Test
  void should_show_whole_batches_when_searching_while_writer_writes() throws Exception {
    CountDownLatch readersStarted = new CountDownLatch(2);
    AtomicBoolean writing = new AtomicBoolean(true);
    Collection memories = index.collection("memories");
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      Future<?> writer = pool.submit(() -> {
        readersStarted.await();
        for (int batch = 0; batch < 10; batch++) {
          List<IndexRecord> records = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            records.add(vec("b" + batch + "-" + i, 1, batch, i, 1));
          }
          index.write(WriteBatch.builder().upsert("docs", records).upsert("memories", records).build());
        }
        writing.set(false);
        return null;
      });
      List<Future<List<int[]>>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          List<int[]> seen = new ArrayList<>();
          readersStarted.countDown();
          while (writing.get()) {
            // One searcher per call: both counts may come from different commits, but each is whole.
            seen.add(new int[] {docs.count(Filter.all()), memories.count(Filter.all())});
            docs.searchVector(new float[] {1, 2, 3, 4}, Filter.all(), 5);
          }
          return seen;
        }));
      }
      writer.get();
      for (Future<List<int[]>> reader : readers) {
        List<int[]> seen = reader.get();
        assertThat(seen).as("reads that overlapped the writes").isNotEmpty();
        assertThat(seen).allMatch(c -> c[0] % 10 == 0 && c[1] % 10 == 0, "whole batches only");
        assertThat(seen.stream().mapToInt(c -> c[0]).toArray()).isSorted();
      }
    }
    assertThat(docs.count(Filter.all())).isEqualTo(100);
  }

  @Test
  void should_merge_to_one_segment_when_optimized() throws Exception {
    for (int i = 0; i < 5; i++) {
      upsert(List.of(vec("v" + i, 1, i, 0, 0)));
    }

    ((LuceneIndex) index).optimize();

    assertThat(docs.searchVector(new float[] {1, 4, 0, 0}, Filter.all(), 1).getFirst()
        .record().id()).isEqualTo("v4");
    try (var files = Files.list(dir.resolve("store"))) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".si")).count())
          .isEqualTo(1);
    }
  }

  @Test
  void should_follow_the_writers_commits_when_opened_read_only() {
    upsert(List.of(text("a", "first coffee")));
    try (LuceneIndex reader = LuceneIndex.open(dir, SPACE, LuceneOptions.defaults(), true)) {
      Collection seen = reader.collection("docs");
      assertThat(seen.count(Filter.all())).isEqualTo(1);

      upsert(List.of(text("b", "second coffee")));

      assertThat(seen.count(Filter.all())).isEqualTo(2);
      assertThat(seen.searchText("coffee", Filter.all(), 10)).hasSize(2);
      assertThatThrownBy(() -> reader.write(WriteBatch.builder().deleteIds("docs", List.of("a")).build()))
          .isInstanceOf(StorageException.class)
          .extracting(e -> ((StorageException) e).code()).isEqualTo("ENGRAM-503");
    }
    assertThat(docs.count(Filter.all())).isEqualTo(2);
  }

  @Test
  void should_name_the_holding_process_when_a_second_writer_opens() {
    String pid = Long.toString(ProcessHandle.current().pid());

    assertThatThrownBy(() -> LuceneIndex.open(dir, SPACE))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("process " + pid)
        .hasMessageContaining("Stop that process")
        .extracting(e -> ((StorageException) e).code()).isEqualTo("ENGRAM-502");
  }

  @Test
  void should_store_nothing_of_a_batch_and_stay_usable_when_storage_fails_mid_write() {
    index.close();
    AtomicBoolean failing = new AtomicBoolean();
    UnaryOperator<Directory> flaky = d -> new FilterDirectory(d) {
      @Override
      public IndexOutput createOutput(String name, IOContext context) throws IOException {
        if (failing.get()) {
          throw new IOException("disk full (injected)");
        }
        return super.createOutput(name, context);
      }
    };
    index = LuceneIndex.open(dir, SPACE, LuceneOptions.defaults(), false, flaky);
    docs = index.collection("docs");
    upsert(List.of(text("kept", "written before the failure")));
    WriteBatch doomed = WriteBatch.builder()
        .delete("docs", Filter.all())
        .upsert("docs", List.of(text("lost", "never stored")))
        .upsert("memories", List.of(text("m", "never stored either")))
        .build();

    failing.set(true);
    assertThatThrownBy(() -> index.write(doomed)).isInstanceOf(StorageException.class)
        .hasMessageContaining("disk full");
    failing.set(false);

    assertThat(docs.list(Filter.all(), 10)).extracting(IndexRecord::id).containsExactly("kept");
    assertThat(index.collection("memories").count(Filter.all())).isZero();
    upsert(List.of(text("next", "the next batch is clean")));
    index.close();
    index = LuceneIndex.open(dir, SPACE);
    assertThat(index.collection("docs").list(Filter.all(), 10)).extracting(IndexRecord::id)
        .containsExactly("kept", "next");
    assertThat(index.collection("memories").count(Filter.all())).isZero();
  }
}
