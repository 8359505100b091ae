package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.Filter;
import dev.engram.index.InMemoryIndex;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.retrieval.Fusion;
import dev.engram.retrieval.Retriever;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchMode;
import dev.engram.retrieval.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Document ids are unique per source: a JSONL record's {@code _id} is an external id, and no
 * record of one file replaces a document of another. Also the upgrade of knowledge written when
 * the {@code _id} was the document id.
 */
class DocumentIdsTest {
  private static final Scope SCOPE = Scope.ofTenant(Scope.DEFAULT_TENANT);

  @TempDir Path dir;
  private final FakeEmbedder fake = new FakeEmbedder(8);
  private final InMemoryIndex index = InMemoryIndex.create(fake.space());
  private final Chunker chunker = new Chunker(new Cl100kTokenCounter());
  private final Ingestor ingestor = new Ingestor(index, fake, chunker,
      Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
  private final KnowledgeBases bases = new KnowledgeBases(index);
  private final Retriever retriever =
      new Retriever(index.collection(KnowledgeRecords.CHUNKS), fake, Fusion.defaults());

  private IngestReport ingest(Path... paths) {
    return ingestor.ingest(SCOPE, List.of(paths), IngestOptions.defaults(), IngestListener.NONE);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private List<SearchHit> search(String query, Filter filter) {
    // BM25 alone: the fake embedder's vectors carry no meaning.
    return retriever.search(SCOPE, SearchRequest.of(query, 10).withMode(SearchMode.BM25)
        .withFilter(filter));
  }

  @Test
  void should_keep_both_records_when_two_files_share_an_id() throws IOException {
    Path a = write("a.jsonl", "{\"_id\":\"a1\",\"title\":\"Alpha\",\"text\":\"apples grow in orchards\"}\n");
    Path b = write("b.jsonl", "{\"_id\":\"a1\",\"title\":\"Beta\",\"text\":\"bananas grow in plantations\"}\n");

    ingest(a);
    IngestReport second = ingest(b);
    IngestReport again = ingest(a);

    assertThat(second.added()).isEqualTo(1);
    assertThat(second.updated()).isZero();
    assertThat(again.unchangedFiles()).isEqualTo(1);
    assertThat(bases.documents(SCOPE, 10)).hasSize(2)
        .allSatisfy(d -> assertThat(d.externalId()).isEqualTo("a1"))
        .extracting(KnowledgeDocument::title).containsExactlyInAnyOrder("Alpha", "Beta");
    assertThat(search("apples", Filter.all())).first()
        .satisfies(h -> assertThat(h.externalId()).isEqualTo("a1"))
        .satisfies(h -> assertThat(h.documentId()).isNotEqualTo("a1"))
        .satisfies(h -> assertThat(h.source()).endsWith("a.jsonl#a1"));
    assertThat(search("grow", Filter.eq(KnowledgeRecords.EXTERNAL_ID, "a1")))
        .extracting(SearchHit::title).containsExactlyInAnyOrder("Alpha", "Beta");
  }

  @Test
  void should_keep_a_file_when_a_record_id_equals_its_document_id() throws IOException {
    Path guide = write("guide.md", "# Guide\n\nHold reset for ten seconds.\n");
    ingest(guide);
    String fileId = bases.documents(SCOPE, 10).getFirst().id();
    Path records = write("r.jsonl", "{\"_id\":\"" + fileId + "\",\"text\":\"an unrelated record\"}\n");

    ingest(records);

    assertThat(bases.documents(SCOPE, 10)).hasSize(2);
    assertThat(search("reset", Filter.all())).first()
        .satisfies(h -> assertThat(h.documentId()).isEqualTo(fileId))
        .satisfies(h -> assertThat(h.externalId()).isEmpty());
  }

  @Test
  void should_delete_every_record_of_a_file_and_no_other_when_deleting_its_source()
      throws IOException {
    Path a = write("a.jsonl", """
        {"_id":"a1","text":"first record of a"}
        {"_id":"a2","text":"second record of a"}
        """);
    Path b = write("b.jsonl", "{\"_id\":\"a1\",\"text\":\"only record of b\"}\n");
    ingest(a, b);

    int deleted = bases.deleteSource(SCOPE, a);

    assertThat(deleted).isEqualTo(2);
    assertThat(bases.documents(SCOPE, 10)).extracting(KnowledgeDocument::source)
        .singleElement().satisfies(s -> assertThat(s).endsWith("b.jsonl#a1"));
    assertThat(index.collection(KnowledgeRecords.CHUNKS).count(KnowledgeRecords.filter(SCOPE)))
        .isEqualTo(1);
    assertThat(ingest(a).added()).isEqualTo(2);
  }

  @Test
  void should_delete_by_external_id_only_when_one_document_has_it() throws IOException {
    ingest(write("a.jsonl", "{\"_id\":\"a1\",\"text\":\"x\"}\n{\"_id\":\"a2\",\"text\":\"y\"}\n"),
        write("b.jsonl", "{\"_id\":\"a1\",\"text\":\"z\"}\n"));

    bases.deleteDocument(SCOPE, "a2");

    assertThat(bases.documents(SCOPE, 10)).extracting(KnowledgeDocument::externalId)
        .containsExactlyInAnyOrder("a1", "a1");
    assertThatThrownBy(() -> bases.deleteDocument(SCOPE, "a1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("several documents").hasMessageContaining("give the document id")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-405");
    assertThatThrownBy(() -> bases.deleteDocument(SCOPE, "a3"))
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-404");
  }

  /**
   * The state the earlier layout left after ingesting a.jsonl then b.jsonl, both with {@code _id}
   * a1: one document a1 (b's), a.jsonl's file record saying "2 documents, this hash".
   */
  @Test
  void should_rekey_old_records_and_restore_what_another_file_replaced_on_upgrade()
      throws IOException {
    Path a = write("a.jsonl", "{\"_id\":\"a1\",\"text\":\"apples of a\"}\n{\"_id\":\"a2\",\"text\":\"pears of a\"}\n");
    Path b = write("b.jsonl", "{\"_id\":\"a1\",\"text\":\"bananas of b\"}\n");
    List<IndexRecord> chunks = new ArrayList<>();
    List<IndexRecord> docs = new ArrayList<>();
    oldLayout(b, "a1", "bananas of b", chunks, docs);
    oldLayout(a, "a2", "pears of a", chunks, docs);
    index.write(WriteBatch.builder()
        .upsert(KnowledgeRecords.CHUNKS, chunks)
        .upsert(KnowledgeRecords.DOCUMENTS, docs)
        .upsert(KnowledgeRecords.SOURCES, List.of(oldSource(a, 2), oldSource(b, 1)))
        .build());
    float[] bananas = index.collection(KnowledgeRecords.CHUNKS)
        .get(KnowledgeRecords.key(SCOPE, "a1#0")).orElseThrow().vector();

    int moved = bases.upgradeLegacy();

    assertThat(moved).isEqualTo(4);
    assertThat(bases.upgradeLegacy()).isZero();
    assertThat(bases.documents(SCOPE, 10)).extracting(KnowledgeDocument::id)
        .containsExactlyInAnyOrder(recordId(b, "a1"), recordId(a, "a2"));
    IndexRecord chunk = index.collection(KnowledgeRecords.CHUNKS)
        .get(KnowledgeRecords.key(SCOPE, recordId(b, "a1") + "#0")).orElseThrow();
    assertThat(chunk.vector()).containsExactly(bananas);
    assertThat(chunk.keyword(KnowledgeRecords.EXTERNAL_ID)).contains("a1");
    assertThat(index.collection(KnowledgeRecords.CHUNKS).get(KnowledgeRecords.key(SCOPE, "a1#0")))
        .isEmpty();
    assertThat(ingest(b).unchangedFiles()).isEqualTo(1);

    IngestReport restored = ingest(a);

    assertThat(restored.added()).isEqualTo(1);
    assertThat(restored.updated()).isZero();
    assertThat(bases.documents(SCOPE, 10)).hasSize(3);
    assertThat(index.collection(KnowledgeRecords.CHUNKS).count(KnowledgeRecords.filter(SCOPE)))
        .isEqualTo(3);
    assertThat(search("apples", Filter.all())).first()
        .satisfies(h -> assertThat(h.text()).isEqualTo("apples of a"));
  }

  private static String recordId(Path file, String externalId) {
    return Hashing.recordId(file.toAbsolutePath().normalize().toString(), externalId);
  }

  /** A record as the earlier layout wrote it: its document id is its {@code _id}. */
  private void oldLayout(Path file, String id, String text, List<IndexRecord> chunks,
      List<IndexRecord> docs) {
    String path = file.toAbsolutePath().normalize().toString();
    Document doc = new Document(id, path + "#" + id, "", KnowledgeRecords.JSONL, text, List.of(),
        List.of(), Map.of());
    for (Chunk c : chunker.chunk(doc)) {
      chunks.add(KnowledgeRecords.chunkRecord(SCOPE, doc, path, c,
          fake.vector(KnowledgeRecords.indexedText(doc, c))));
    }
    docs.add(KnowledgeRecords.documentRecord(SCOPE, doc, path,
        Hashing.textHash(doc, chunker.settingsKey()), 1, 0));
  }

  private IndexRecord oldSource(Path file, int documents) {
    String path = file.toAbsolutePath().normalize().toString();
    return KnowledgeRecords.sourceRecord(SCOPE, path,
        Hashing.fileHash(file, Map.of(), chunker.settingsKey()), documents, 0);
  }
}
