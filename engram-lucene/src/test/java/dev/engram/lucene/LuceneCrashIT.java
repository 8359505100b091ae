package dev.engram.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.index.Collection;
import dev.engram.index.Filter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing JVM with SIGKILL and checks that every commit it reported survived. */
class LuceneCrashIT {

  @TempDir Path dir;

  @Test
  void should_keep_every_reported_commit_when_writer_is_killed_mid_write() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), CrashWriterMain.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    int lastCommitted = 0;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lastCommitted = Integer.parseInt(line.substring("committed ".length()));
        if (lastCommitted >= 1_000) {
          // SIGKILL while the next batch is written; unlike Process.destroyForcibly this keeps
          // the pipe open, so lines printed before the kill are still read.
          child.toHandle().destroyForcibly();
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(lastCommitted).isGreaterThanOrEqualTo(1_000);

    try (LuceneIndex index = LuceneIndex.open(dir, CrashWriterMain.SPACE)) {
      Collection docs = index.collection("docs");
      assertThat(docs.count(Filter.all())).isGreaterThanOrEqualTo(lastCommitted);
      assertThat(docs.count(Filter.all().andRange("n", 0, lastCommitted - 1)))
          .isEqualTo(lastCommitted);
      int last = lastCommitted - 1;
      assertThat(docs.get("r" + last)).isPresent();
      assertThat(docs.searchText("record number " + last, Filter.eq("batch", "b" + last / 100), 1))
          .extracting(h -> h.record().id()).containsExactly("r" + last);
      assertThat(docs.searchVector(new float[] {1, 1, 1, 1}, Filter.all(), 5)).hasSize(5);
    }
  }
}
