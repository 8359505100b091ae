package dev.engram.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users' words stay out of the cache file, and erase removes texts from it and from memory. */
class CachingEmbedderErasureTest {
  private static final int DIM = 8;
  private static final int RECORD = 16 + 4 * DIM;

  @TempDir Path dir;

  private Path cacheFile() {
    return dir.resolve("embedding-cache.bin");
  }

  @Test
  void should_keep_users_words_out_of_the_file_when_embedded_through_the_transient_view() throws Exception {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      cache.embedDocuments(List.of("a document chunk"));
      List<float[]> words = cache.transientView().embedDocuments(List.of("I live in Paris.", "a document chunk"));
      assertThat(words.get(0)).containsExactly(fake.vector("I live in Paris."));
      assertThat(words.get(1)).containsExactly(fake.vector("a document chunk"));
      cache.transientView().embedDocuments(List.of("I live in Paris."));
      assertThat(fake.documentTexts()).as("the second time from memory").isEqualTo(2);
    }
    assertThat(Files.size(cacheFile())).isEqualTo(RECORD);
  }

  @Test
  void should_remove_only_the_erased_records_and_keep_the_rest_when_texts_are_erased() throws Exception {
    FakeEmbedder fake = new FakeEmbedder(DIM);
    List<String> texts = List.of("alpha one", "bravo two", "charlie three", "delta four");
    try (CachingEmbedder cache = new CachingEmbedder(fake, cacheFile())) {
      cache.embedDocuments(texts); // as a cache file written before users' words were kept out
      cache.transientView().embedDocuments(List.of("echo five"));
      cache.embedQuery("a question about alpha");

      cache.erase(List.of("alpha one", "charlie three", "echo five", "never embedded"));

      assertThat(Files.size(cacheFile())).isEqualTo(2L * RECORD);
      long before = fake.documentTexts();
      assertThat(cache.embedDocuments(List.of("bravo two", "delta four")).get(1))
          .containsExactly(fake.vector("delta four"));
      assertThat(fake.documentTexts()).as("kept records are not embedded again").isEqualTo(before);
      cache.transientView().embedDocuments(List.of("echo five"));
      assertThat(fake.documentTexts()).as("the transient text is gone from memory").isEqualTo(before + 1);
      long queries = fake.queryCalls();
      cache.embedQuery("a question about alpha");
      assertThat(fake.queryCalls()).as("queries are dropped").isEqualTo(queries + 1);
      cache.embedDocuments(List.of("foxtrot six"));
    }
    FakeEmbedder reopened = new FakeEmbedder(DIM);
    try (CachingEmbedder cache = new CachingEmbedder(reopened, cacheFile())) {
      List<float[]> v = cache.embedDocuments(List.of("bravo two", "delta four", "foxtrot six", "alpha one"));
      assertThat(reopened.documentTexts()).as("only the erased text is embedded again").isEqualTo(1);
      assertThat(v.get(2)).containsExactly(reopened.vector("foxtrot six"));
      assertThat(v.get(0)).containsExactly(reopened.vector("bravo two"));
    }
    assertThat(Files.exists(dir.resolve("embedding-cache.bin.tmp"))).isFalse();
  }
}
