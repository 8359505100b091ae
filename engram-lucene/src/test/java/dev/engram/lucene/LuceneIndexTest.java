package dev.engram.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexContractTest;
import dev.engram.index.IndexFactory;
import dev.engram.common.VectorSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LuceneIndexTest extends IndexContractTest {

  @Override
  protected Index openIndex(Path dir, VectorSpace space) {
    return LuceneIndex.open(dir, space);
  }

  @Test
  void should_find_lucene_factory_when_loading_services() {
    IndexFactory factory = ServiceLoader.load(IndexFactory.class).findFirst().orElseThrow();

    assertThat(factory).isInstanceOf(LuceneIndexFactory.class);
  }

  @Test
  void should_store_each_collection_and_the_model_in_the_directory() {
    docs.upsert(List.of(text("a", "hello")));
    docs.commit();

    assertThat(dir.resolve("docs")).isDirectory();
    assertThat(dir.resolve("vector-space.properties")).content().contains("model=test-model");
  }

  @Test
  void should_show_whole_commits_when_searching_while_writer_commits() throws Exception {
    int readers = 2;
    CountDownLatch firstCommit = new CountDownLatch(1);
    // the writer goes on only once every reader has read while it is midway
    CountDownLatch overlapped = new CountDownLatch(readers);
    try (ExecutorService pool = Executors.newFixedThreadPool(readers + 1)) {
      Future<?> writer = pool.submit(() -> {
        for (int batch = 0; batch < 10; batch++) {
          List<dev.engram.index.IndexRecord> records = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            records.add(vec("b" + batch + "-" + i, 1, batch, i, 1));
          }
          docs.upsert(records);
          docs.commit();
          if (batch == 0) {
            firstCommit.countDown();
            assertThat(overlapped.await(30, TimeUnit.SECONDS)).as("every reader read midway").isTrue();
          }
        }
        return null;
      });
      List<Future<List<Integer>>> counts = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        counts.add(pool.submit(() -> {
          assertThat(firstCommit.await(30, TimeUnit.SECONDS)).as("the first commit").isTrue();
          List<Integer> seen = new ArrayList<>();
          do {
            seen.add(docs.count(Filter.all()));
            docs.searchVector(new float[] {1, 2, 3, 4}, Filter.all(), 5);
            docs.searchText("vector", Filter.all(), 5);
            if (seen.size() == 1) {
              overlapped.countDown();
            }
          } while (!writer.isDone());
          return seen;
        }));
      }
      writer.get(60, TimeUnit.SECONDS);
      for (Future<List<Integer>> reader : counts) {
        List<Integer> seen = reader.get(60, TimeUnit.SECONDS);
        // the first read came after the first commit and before the second
        assertThat(seen).isNotEmpty().startsWith(10)
            .allMatch(c -> c % 10 == 0, "a multiple of the batch size")
            .isSorted();
      }
    }
    assertThat(docs.count(Filter.all())).isEqualTo(100);
  }

  @Test
  void should_merge_to_one_segment_when_optimized() throws Exception {
    for (int i = 0; i < 5; i++) {
      docs.upsert(List.of(vec("v" + i, 1, i, 0, 0)));
      docs.commit();
    }

    ((LuceneIndex) index).optimize("docs");

    assertThat(docs.searchVector(new float[] {1, 4, 0, 0}, Filter.all(), 1).getFirst()
        .record().id()).isEqualTo("v4");
    try (var files = Files.list(dir.resolve("docs"))) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".si")).count())
          .isEqualTo(1);
    }
  }
}
