package dev.engram.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEmbedderQueryTest {
  private static final int DIM = 8;
  private static final String QUESTION = "How long is the warranty in the EU?";

  @TempDir Path dir;

  private Path cacheFile() {
    return dir.resolve("cache/embedding-cache.bin");
  }

  @Test
  void should_call_the_model_once_when_the_same_question_is_asked_5_times() {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      for (int i = 0; i < 5; i++) {
        assertThat(cache.embedQuery(QUESTION)).containsExactly(fake.vector(QUESTION));
      }

      assertThat(fake.queryCalls()).isEqualTo(1);
      assertThat(cache.queryHitsAndMisses()).containsExactly(4, 1);
      assertThat(cache.computed()).as("documents only").isZero();
    }
  }

  @Test
  void should_give_each_question_its_own_vector_when_questions_differ() {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      for (int round = 0; round < 2; round++) {
        for (String q : List.of("a", "b", "A", "a ")) {
          assertThat(cache.embedQuery(q)).as(q).containsExactly(fake.vector(q));
        }
      }

      assertThat(fake.queryCalls()).isEqualTo(4);
    }
  }

  @Test
  void should_keep_its_copy_intact_when_a_caller_changes_the_vector_it_got() {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      cache.embedQuery(QUESTION)[0] = 42;
      cache.embedQuery(QUESTION)[1] = 42;

      assertThat(cache.embedQuery(QUESTION)).containsExactly(fake.vector(QUESTION));
    }
  }

  @Test
  void should_evict_the_least_recently_used_query_when_the_cache_is_full() {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    int size = CachingEmbedder.QUERY_CACHE_SIZE;
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      for (int i = 0; i < size; i++) {
        cache.embedQuery("q" + i);
      }
      cache.embedQuery("q0"); // q0 is now the most recent, q1 the oldest
      cache.embedQuery("new"); // one too many: q1 goes
      assertThat(fake.queryCalls()).isEqualTo(size + 1);

      cache.embedQuery("q0");
      cache.embedQuery("q" + (size - 1));
      cache.embedQuery("new");
      assertThat(fake.queryCalls()).as("kept ones are hits").isEqualTo(size + 1);

      assertThat(cache.embedQuery("q1")).containsExactly(fake.vector("q1"));
      assertThat(fake.queryCalls()).as("the oldest was evicted").isEqualTo(size + 2);
    }
  }

  @Test
  void should_give_identical_vectors_when_8_threads_ask_the_same_question_at_once()
      throws Exception {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<float[]>>> workers = new ArrayList<>();
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile());
        ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        workers.add(pool.submit(() -> {
          start.await();
          List<float[]> mine = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            mine.add(cache.embedQuery(QUESTION));
          }
          return mine;
        }));
      }
      start.countDown();
      for (Future<List<float[]>> w : workers) {
        for (float[] v : w.get(30, TimeUnit.SECONDS)) {
          assertThat(v).containsExactly(fake.vector(QUESTION));
        }
      }

      // racing first callers may each embed it; after that it is always a hit
      assertThat(fake.queryCalls()).isBetween(1L, 8L);
      long[] hm = cache.queryHitsAndMisses();
      assertThat(hm[0] + hm[1]).isEqualTo(400);
      assertThat(hm[1]).isEqualTo(fake.queryCalls());
    }
  }

  @Test
  void should_write_no_query_to_the_file_when_the_cache_is_writable() throws IOException {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      cache.embedQuery(QUESTION);
      cache.embedQuery("another question");
    }

    assertThat(Files.size(cacheFile())).isZero();
    assertThat(Files.readString(cacheFile())).doesNotContain("warranty");
  }

  @Test
  void should_cache_queries_in_memory_when_the_cache_is_read_only() {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = CachingEmbedder.readOnly(fake, cacheFile())) {
      for (int i = 0; i < 3; i++) {
        assertThat(cache.embedQuery(QUESTION)).containsExactly(fake.vector(QUESTION));
      }

      assertThat(fake.queryCalls()).isEqualTo(1);
    }
    assertThat(cacheFile().getParent()).doesNotExist();
  }

  @Test
  void should_embed_again_when_the_queries_were_forgotten() {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      cache.embedDocuments(List.of("a document"));
      cache.embedQuery(QUESTION);

      cache.forgetQueries();

      assertThat(cache.embedQuery(QUESTION)).containsExactly(fake.vector(QUESTION));
      assertThat(fake.queryCalls()).isEqualTo(2);
      cache.embedDocuments(List.of("a document"));
      assertThat(fake.documentCalls()).as("document vectors stay").isEqualTo(1);
    }
  }

  @Test
  void should_refuse_queries_when_closed() {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    CachingEmbedder cache = new CachingEmbedder(fake, cacheFile());
    cache.embedQuery(QUESTION);

    cache.close();
    cache.forgetQueries();

    assertThatThrownBy(() -> cache.embedQuery(QUESTION))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(fake.queryCalls()).isEqualTo(1);
  }
}
