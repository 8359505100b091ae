package dev.engram.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engram.common.ModelException;
import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEmbedderTest {
  private static final int DIM = 8;
  private static final int RECORD = 16 + 4 * DIM;

  @TempDir Path dir;

  private Path cacheFile() {
    return dir.resolve("cache/embedding-cache.bin");
  }

  private static List<String> texts(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("text number " + i);
    }
    return out;
  }

  /** Fills the cache file with {@code texts}, then closes it. */
  private void fill(List<String> texts) {
    try (CachingEmbedder cache = new CachingEmbedder(new FakeEmbedder(DIM), cacheFile())) {
      cache.embedDocuments(texts);
    }
  }

  private static void assertVectors(List<float[]> actual, List<String> texts, FakeEmbedder fake) {
    assertThat(actual).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      assertThat(actual.get(i)).as(texts.get(i)).containsExactly(fake.vector(texts.get(i)));
    }
  }

  @Test
  void should_give_sequential_vectors_and_store_each_text_once_when_8_threads_embed_at_once()
      throws Exception {
    List<String> all = texts(120);
    FakeEmbedder fake = new FakeEmbedder(DIM);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> workers = new ArrayList<>();
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile());
        ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        Random random = new Random(t);
        workers.add(pool.submit(() -> {
          start.await();
          List<String> mine = new ArrayList<>(all);
          Collections.shuffle(mine, random);
          int checked = 0;
          for (int from = 0; from < mine.size(); from += 7) {
            List<String> batch = new ArrayList<>(mine.subList(from, Math.min(mine.size(), from + 7)));
            batch.add(batch.getFirst()); // the same text twice in one call
            assertVectors(cache.embedDocuments(batch), batch, fake);
            checked += batch.size();
          }
          return checked;
        }));
      }
      start.countDown();
      for (Future<Integer> w : workers) {
        assertThat(w.get(60, TimeUnit.SECONDS)).isGreaterThan(all.size());
      }
      assertThat(cache.computed()).isBetween((long) all.size(), 8L * all.size());
    }

    assertThat(Files.size(cacheFile())).isEqualTo((long) all.size() * RECORD);
    FakeEmbedder again = new FakeEmbedder(DIM);
    try (CachingEmbedder reopened = new CachingEmbedder(again, cacheFile())) {
      assertVectors(reopened.embedDocuments(all), all, again);
      assertThat(again.documentCalls()).isZero();
      assertThat(reopened.hitsAndMisses()).containsExactly(all.size(), 0);
    }
  }

  @Test
  void should_serve_other_callers_when_the_model_is_busy_with_one() throws Exception {
    fill(List.of("cached"));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeEmbedder fake = new FakeEmbedder(DIM);
    Embedder slow = new Embedder() {
      @Override
      public VectorSpace space() {
        return fake.space();
      }

      @Override
      public List<float[]> embedDocuments(List<String> texts) {
        if (texts.contains("slow")) {
          entered.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return fake.embedDocuments(texts);
      }

      @Override
      public float[] embedQuery(String query) {
        return fake.embedQuery(query);
      }
    };
    try (CachingEmbedder cache = new CachingEmbedder(slow, cacheFile());
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<List<float[]>> busy = pool.submit(() -> cache.embedDocuments(List.of("slow")));
      assertThat(entered.await(30, TimeUnit.SECONDS)).as("the model started").isTrue();

      Future<List<float[]>> other = pool.submit(() -> cache.embedDocuments(List.of("cached", "fresh")));

      // a lock held during inference would keep this waiting until the release below
      assertVectors(other.get(30, TimeUnit.SECONDS), List.of("cached", "fresh"), fake);
      assertThat(busy).isNotDone();
      release.countDown();
      assertVectors(busy.get(30, TimeUnit.SECONDS), List.of("slow"), fake);
    }
    assertThat(Files.size(cacheFile())).isEqualTo(3L * RECORD);
  }

  @Test
  void should_keep_whole_records_and_drop_the_torn_tail_when_the_file_ends_mid_record()
      throws IOException {
    fill(List.of("a", "b"));
    Files.write(cacheFile(), new byte[] {1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);
    FakeEmbedder fake = new FakeEmbedder(DIM);

    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      assertThat(Files.size(cacheFile())).isEqualTo(2L * RECORD);
      assertVectors(cache.embedDocuments(List.of("b", "a")), List.of("b", "a"), fake);
      assertThat(fake.documentCalls()).isZero();
      assertVectors(cache.embedDocuments(List.of("c")), List.of("c"), fake);
    }

    FakeEmbedder again = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(again, cacheFile())) {
      assertVectors(cache.embedDocuments(List.of("a", "b", "c")), List.of("a", "b", "c"), again);
      assertThat(again.documentCalls()).isZero();
    }
  }

  @Test
  void should_start_empty_when_the_file_is_shorter_than_one_record() throws IOException {
    Files.createDirectories(cacheFile().getParent());
    Files.write(cacheFile(), new byte[] {9, 9, 9, 9, 9});
    FakeEmbedder fake = new FakeEmbedder(DIM);

    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      assertVectors(cache.embedDocuments(List.of("a")), List.of("a"), fake);
      assertThat(fake.documentTexts()).isEqualTo(1);
    }

    assertThat(Files.size(cacheFile())).isEqualTo(RECORD);
  }

  @Test
  void should_serve_no_wrong_vector_when_whole_records_are_garbage() throws IOException {
    byte[] garbage = new byte[3 * RECORD];
    new Random(5).nextBytes(garbage);
    Files.createDirectories(cacheFile().getParent());
    Files.write(cacheFile(), garbage);
    FakeEmbedder fake = new FakeEmbedder(DIM);

    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      assertVectors(cache.embedDocuments(texts(4)), texts(4), fake);
      assertThat(fake.documentTexts()).isEqualTo(4);
    }

    FakeEmbedder again = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(again, cacheFile())) {
      assertVectors(cache.embedDocuments(texts(4)), texts(4), again);
      assertThat(again.documentCalls()).isZero();
    }
  }

  @Test
  void should_store_nothing_and_stay_usable_when_the_delegate_fails() throws IOException {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    AtomicBoolean fail = new AtomicBoolean(true);
    Embedder flaky = new Embedder() {
      @Override
      public VectorSpace space() {
        return fake.space();
      }

      @Override
      public List<float[]> embedDocuments(List<String> texts) {
        if (fail.getAndSet(false)) {
          throw new ModelException("ENGRAM-700", "the model failed");
        }
        return fake.embedDocuments(texts);
      }

      @Override
      public float[] embedQuery(String query) {
        return fake.embedQuery(query);
      }
    };

    try (CachingEmbedder cache = new CachingEmbedder(flaky, cacheFile())) {
      assertThatThrownBy(() -> cache.embedDocuments(List.of("a", "b")))
          .isInstanceOf(ModelException.class).hasMessageContaining("the model failed");
      assertThat(Files.size(cacheFile())).isZero();
      assertThat(cache.computed()).isZero();

      assertVectors(cache.embedDocuments(List.of("a", "b")), List.of("a", "b"), fake);
      assertThat(cache.computed()).isEqualTo(2);
    }

    FakeEmbedder again = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(again, cacheFile())) {
      assertVectors(cache.embedDocuments(List.of("a", "b")), List.of("a", "b"), again);
      assertThat(again.documentCalls()).isZero();
    }
  }

  @Test
  void should_close_the_file_and_the_delegate_when_reading_the_file_fails() throws Exception {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "needs /proc (Linux)");
    Path fifo = dir.resolve("fifo.bin");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
    FakeEmbedder fake = new FakeEmbedder(DIM);

    // a FIFO opens like a file, but cannot be truncated or positioned
    assertThatThrownBy(() -> new CachingEmbedder(fake, fifo))
        .isInstanceOf(StorageException.class).hasMessageContaining(fifo.toString());

    assertThat(fake.closes()).isEqualTo(1);
    assertThat(openFilesOf(fds)).doesNotContain(fifo.toRealPath());
  }

  private static List<Path> openFilesOf(Path fds) throws IOException {
    List<Path> open = new ArrayList<>();
    try (Stream<Path> entries = Files.list(fds)) {
      for (Path fd : entries.toList()) {
        try {
          open.add(Files.readSymbolicLink(fd));
        } catch (IOException e) {
          // the descriptor was closed (by another thread) while listing: it is not open
        }
      }
    }
    return open;
  }

  @Test
  void should_leave_the_file_byte_identical_when_the_cache_is_read_only() throws IOException {
    fill(List.of("a", "b"));
    Files.write(cacheFile(), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(cacheFile());
    FakeEmbedder fake = new FakeEmbedder(DIM);

    try (CachingEmbedder cache = CachingEmbedder.readOnly(fake, cacheFile())) {
      assertVectors(cache.embedDocuments(List.of("a", "b")), List.of("a", "b"), fake);
      assertThat(fake.documentCalls()).isZero();
      assertVectors(cache.embedDocuments(List.of("c", "a")), List.of("c", "a"), fake);
      assertVectors(cache.embedDocuments(List.of("c")), List.of("c"), fake);
      assertThat(fake.documentTexts()).isEqualTo(1);
      assertThat(cache.computed()).isEqualTo(1);
    }

    assertThat(Files.readAllBytes(cacheFile())).isEqualTo(before);
    assertThat(fake.closes()).isEqualTo(1);
  }

  @Test
  void should_create_no_file_when_a_read_only_cache_has_none() {
    FakeEmbedder fake = new FakeEmbedder(DIM);

    try (CachingEmbedder cache = CachingEmbedder.readOnly(fake, cacheFile())) {
      assertVectors(cache.embedDocuments(List.of("a", "a")), List.of("a", "a"), fake);
      assertThat(fake.documentTexts()).isEqualTo(1);
    }

    assertThat(cacheFile().getParent()).doesNotExist();
  }

  @Test
  void should_close_the_delegate_once_and_refuse_work_when_closed_twice() {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    CachingEmbedder cache = new CachingEmbedder(fake, cacheFile());

    cache.close();
    cache.close();

    assertThat(fake.closes()).isEqualTo(1);
    assertThatThrownBy(() -> cache.embedDocuments(List.of("a")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
