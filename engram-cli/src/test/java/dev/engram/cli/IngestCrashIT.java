package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.IngestReport;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a separate JVM with kill -9 during and after an ingest, then reopens the index. */
class IngestCrashIT {
  private static final int FILES = 400;
  private static final Scope SCOPE = Scope.ofTenant(Scope.DEFAULT_TENANT);

  @TempDir Path tmp;

  private Path corpus() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("corpus"));
    for (int i = 0; i < FILES; i++) {
      Files.writeString(dir.resolve(String.format("note-%03d.txt", i)),
          "Note number " + i + " is about the planet " + (i % 2 == 0 ? "Jupiter" : "Saturn")
              + " and its moon number " + i + ". It was filed in crate " + (i * 7) + ".");
    }
    return dir;
  }

  private static Process start(Path data, Path corpus) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), CrashIngestMain.class.getName(), data.toString(), corpus.toString())
        .redirectErrorStream(true).start();
  }

  private static void waitFor(Process p, Predicate<String> line) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()));
    for (String s; (s = in.readLine()) != null; ) {
      if (line.test(s)) return;
    }
    throw new AssertionError("child exited before the expected output");
  }

  @Test
  void should_open_and_search_and_complete_when_ingest_was_killed_midway() throws Exception {
    Path corpus = corpus();
    Path data = tmp.resolve("data");
    Process child = start(data, corpus);
    int[] seen = {0};
    waitFor(child, s -> s.startsWith("file ") && ++seen[0] == FILES / 2);
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    try (Engram engram = Engram.open(data)) {
      int partial = engram.documents(SCOPE, FILES).size();
      assertThat(partial).isBetween(0, FILES);
      IngestReport resumed = engram.ingest(SCOPE, List.of(corpus), IngestOptions.defaults(), IngestListener.NONE);
      assertThat(resumed.added() + resumed.updated()).isEqualTo(FILES - partial);
      assertThat(engram.documents(SCOPE, FILES + 1)).hasSize(FILES);
      List<SearchHit> hits = engram.search(SCOPE, SearchRequest.of("moon number 123 crate 861", 3));
      assertThat(hits.getFirst().text()).contains("moon number 123");
    }
  }

  @Test
  void should_keep_everything_when_killed_after_ingest_reported_success() throws Exception {
    Path corpus = corpus();
    Path data = tmp.resolve("data");
    Process child = start(data, corpus);
    waitFor(child, s -> s.equals("ingested " + FILES));
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    try (Engram engram = Engram.open(data)) {
      assertThat(engram.documents(SCOPE, FILES + 1)).hasSize(FILES);
      List<SearchHit> hits = engram.search(SCOPE, SearchRequest.of("moon number 399", 1));
      assertThat(hits.getFirst().text()).contains("moon number 399");
      IngestReport again = engram.ingest(SCOPE, List.of(corpus), IngestOptions.defaults(), IngestListener.NONE);
      assertThat(again.unchangedFiles()).isEqualTo(FILES);
    }
  }
}
