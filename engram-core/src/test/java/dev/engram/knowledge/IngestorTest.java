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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
}
