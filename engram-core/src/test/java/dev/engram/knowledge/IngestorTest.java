package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.Scope;
import dev.engram.common.StorageException;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.FailingIndex;
import dev.engram.index.Filter;
import dev.engram.index.InMemoryIndex;
import dev.engram.retrieval.Fusion;
import dev.engram.retrieval.Retriever;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest, documents and search per tenant and knowledge base, on the in-memory index. */
class IngestorTest {
  private static final Scope ACME = Scope.ofTenant("acme");
  private static final Scope GLOBEX = Scope.ofTenant("globex");

  @TempDir Path dir;
  private final FakeEmbedder fake = new FakeEmbedder(8);
  private final FailingIndex index = new FailingIndex(InMemoryIndex.create(fake.space()));
  private final Ingestor ingestor = new Ingestor(index, fake, new Chunker(new Cl100kTokenCounter()),
      Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
  private final KnowledgeBases bases = new KnowledgeBases(index);
  private final Retriever retriever =
      new Retriever(index.collection(KnowledgeRecords.CHUNKS), fake, Fusion.defaults());

  private IngestReport ingest(Scope scope, Path... paths) {
    return ingestor.ingest(scope, List.of(paths), IngestOptions.defaults(), IngestListener.NONE);
  }

  @Test
  void should_ingest_a_file_once_when_a_folder_and_the_file_in_it_are_both_given() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("notes"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(folder.resolve("n" + i + ".txt"), "Note " + i + " about the moon.\n");
    }

    IngestReport report = ingest(ACME, folder, folder.resolve("n1.txt"));

    assertThat(report.added()).isEqualTo(3);
    assertThat(index.collection(KnowledgeRecords.CHUNKS).count(KnowledgeRecords.filter(ACME))).isEqualTo(3);
  }

  @Test
  void should_keep_the_same_file_apart_when_two_tenants_ingest_it() throws IOException {
    Path file = Files.writeString(dir.resolve("guide.md"), "# Guide\n\nHold reset for ten seconds.\n");

    ingest(ACME, file);
    ingest(GLOBEX, file);
    bases.deleteDocument(ACME, bases.documents(ACME, 10).getFirst().id());

    assertThat(bases.documents(ACME, 10)).isEmpty();
    assertThat(bases.documents(GLOBEX, 10)).singleElement()
        .satisfies(d -> assertThat(d.title()).isEqualTo("Guide"));
    assertThat(retriever.search(ACME, SearchRequest.of("reset", 5))).isEmpty();
    assertThat(retriever.search(GLOBEX, SearchRequest.of("reset", 5))).hasSize(1);
    assertThat(ingest(ACME, file).added()).isEqualTo(1);
  }

  @Test
  void should_never_widen_a_search_beyond_the_scope_with_a_request_filter() throws IOException {
    ingest(ACME, Files.writeString(dir.resolve("a.md"), "# A\n\nacme reset steps\n"));
    ingest(GLOBEX, Files.writeString(dir.resolve("b.md"), "# B\n\nglobex reset steps\n"));

    for (Filter f : List.of(Filter.eq("tenant", "globex"), Filter.all().andMissing("tenant"),
        Filter.all().andAnyOf("tenant", List.of("acme", "globex")))) {
      assertThat(retriever.search(ACME, SearchRequest.of("reset steps", 10).withFilter(f)))
          .extracting(SearchHit::text).noneMatch(t -> t.contains("globex"));
    }
  }

  @Test
  void should_leave_no_part_of_a_batch_when_its_write_fails_and_complete_on_the_next_ingest()
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve("notes"));
    for (int i = 0; i < 300; i++) { // more than one write batch of 256 chunks
      Files.writeString(folder.resolve(String.format("n%03d.txt", i)), "Note " + i + " about the moon.\n");
    }
    index.failOneWriteAfter(1);

    assertThatThrownBy(() -> ingest(ACME, folder)).isInstanceOf(StorageException.class);

    List<KnowledgeDocument> partial = bases.documents(ACME, 1_000);
    assertThat(partial).hasSizeBetween(1, 299);
    for (KnowledgeDocument d : partial) {
      assertThat(index.collection(KnowledgeRecords.CHUNKS)
          .count(KnowledgeRecords.filter(ACME).and(KnowledgeRecords.DOC, d.id()))).isEqualTo(d.chunks());
    }
    assertThat(index.collection(KnowledgeRecords.CHUNKS).count(KnowledgeRecords.filter(ACME)))
        .isEqualTo(partial.size());
    IngestReport resumed = ingest(ACME, folder);
    assertThat(resumed.added()).isEqualTo(300 - partial.size());
    assertThat(bases.documents(ACME, 1_000)).hasSize(300);
  }

  @Test
  void should_rechunk_when_reingested_with_other_chunk_settings() throws IOException {
    Path file = Files.writeString(dir.resolve("long.md"), "# Long\n\n" + "The keeper trims the wick. ".repeat(40) + "\n");
    IngestReport first = ingest(ACME, file);

    IngestReport again = withChunker(new Chunker(new Cl100kTokenCounter(), 32, 4)).ingest(ACME,
        List.of(file), IngestOptions.defaults(), IngestListener.NONE);

    assertThat(again.unchangedFiles()).isZero();
    assertThat(again.updated()).isEqualTo(1);
    assertThat(again.chunks()).isGreaterThan(first.chunks());
    assertThat(bases.documents(ACME, 10)).singleElement()
        .satisfies(d -> assertThat(d.chunks()).isEqualTo(again.chunks()));
  }

  @Test
  void should_say_unchanged_when_reingested_with_the_same_chunk_settings() throws IOException {
    Path file = Files.writeString(dir.resolve("long.md"), "# Long\n\n" + "The keeper trims the wick. ".repeat(40) + "\n");
    Ingestor small = withChunker(new Chunker(new Cl100kTokenCounter(), 32, 4));
    small.ingest(ACME, List.of(file), IngestOptions.defaults(), IngestListener.NONE);

    IngestReport again = withChunker(new Chunker(new Cl100kTokenCounter(), 32, 4)).ingest(ACME,
        List.of(file), IngestOptions.defaults(), IngestListener.NONE);

    assertThat(again.unchangedFiles()).isEqualTo(1);
    assertThat(again.updated()).isZero();
  }

  @Test
  void should_keep_the_hash_of_earlier_versions_when_chunking_has_the_defaults() throws Exception {
    Path file = Files.writeString(dir.resolve("a.md"), "# A\n\nalpha\n");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("{}".getBytes(StandardCharsets.UTF_8));
    sha.update(Files.readAllBytes(file));
    String legacy = HexFormat.of().formatHex(sha.digest());

    String key = new Chunker(new Cl100kTokenCounter()).settingsKey();

    assertThat(Hashing.fileHash(file, Map.of(), key)).isEqualTo(legacy);
  }

  @Test
  void should_ingest_the_target_folder_when_the_argument_is_a_symlink() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real/sub"));
    Files.writeString(real.resolve("a.md"), "# A\n\nalpha beacon\n");
    Path link = Files.createSymbolicLink(dir.resolve("linked"), real);

    IngestReport report = ingest(ACME, link);

    assertThat(report.files()).isEqualTo(1);
    assertThat(report.added()).isEqualTo(1);
    assertThat(bases.documents(ACME, 10)).singleElement()
        .satisfies(d -> assertThat(d.source()).isEqualTo(link.resolve("a.md").toAbsolutePath().toString()));
  }

  @Test
  void should_skip_and_report_a_symlink_loop_when_it_is_inside_a_folder() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("notes"));
    Files.writeString(folder.resolve("a.md"), "# A\n\nalpha beacon\n");
    Files.createSymbolicLink(folder.resolve("loop"), folder);

    IngestReport report = ingest(ACME, folder);

    assertThat(report.files()).isEqualTo(2);
    assertThat(report.added()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.file()).isEqualTo(folder.resolve("loop").toString());
      assertThat(s.reason()).contains("symbolic link");
    });
  }

  private Ingestor withChunker(Chunker chunker) {
    return new Ingestor(index, fake, chunker,
        Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
  }
}
