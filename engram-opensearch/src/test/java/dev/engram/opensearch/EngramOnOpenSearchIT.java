package dev.engram.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.index.Collection;
import dev.engram.index.DeferredRecords;
import dev.engram.index.Filter;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.knowledge.IngestOptions;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Decision;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.RememberResult;
import dev.engram.retrieval.Fusion;
import dev.engram.retrieval.Retriever;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchMode;
import dev.engram.retrieval.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engram's own flows on a real OpenSearch node through {@code Engram.builder().index(
 * "opensearch://...")}, with the real in-jar embedder: ingest and search, remember, recall and
 * supersede, erase, and tenants that never see each other.
 */
@ExtendWith(OpenSearchNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngramOnOpenSearchIT {
  private static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");
  private static final String SECRET = "Xylophonequartz";
  private Path dir;
  private Engram engram;

  @BeforeAll
  void open(@TempDir Path tmp) {
    dir = tmp;
    engram = Engram.builder().dataDirectory(dir.resolve("data"))
        .index(OpenSearchNode.uri("e2e")).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  @AfterAll
  void close() {
    engram.close();
  }

  private static List<Message> said(String speaker, String text, String time) {
    return List.of(Message.of(speaker, text, Instant.parse(time)));
  }

  @Test
  void should_find_ingested_knowledge_only_in_its_own_tenant() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("lamp.md"), "# Lamp\n\nThe reading lamp resets after ten seconds"
        + " when its button is held down.\n");
    Files.writeString(docs.resolve("kettle.md"), "# Kettle\n\nThe kettle switches itself off when"
        + " the water boils.\n");
    Scope acme = Scope.ofTenant("acme");

    engram.ingest(acme, List.of(docs), IngestOptions.defaults(), IngestListener.NONE);

    List<SearchHit> hits = engram.search(acme, SearchRequest.of("how do I reset the lamp", 3));
    assertThat(hits).isNotEmpty();
    assertThat(hits.getFirst().text()).contains("resets after ten seconds");
    assertThat(engram.search(Scope.ofTenant("globex"), SearchRequest.of("how do I reset the lamp", 3)))
        .isEmpty();
  }

  /**
   * Search over OpenSearch reads records deferred (id searches, then the top k's records); the
   * same search over a view of the same collection that reads every hit's record, with the same
   * embedder and fusion, must give the same hits in every mode.
   */
  @Test
  void should_give_the_same_hits_when_records_are_deferred_as_when_every_hit_is_read() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("manuals"));
    String[] topics = {"boiler", "heater", "router", "printer", "scanner", "speaker"};
    for (int i = 0; i < topics.length; i++) {
      Files.writeString(docs.resolve(topics[i] + ".md"), "# " + topics[i] + " manual\n\n## Reset\n\n"
          + "Hold the " + topics[i] + "'s button for " + (i + 2) + " seconds to reset it.\n\n## Care\n\n"
          + "Clean the " + topics[i] + " with a dry cloth; a reset clears its settings.\n");
    }
    Scope initech = Scope.ofTenant("initech");
    engram.ingest(initech, List.of(docs), IngestOptions.defaults(), IngestListener.NONE);
    IndexConfig config = IndexConfig.of(OpenSearchNode.uri("e2e"), engram.embedder().space()).asReadOnly();
    try (OpenSearchIndex reader = OpenSearchIndex.open(config)) {
      Collection chunks = reader.collection(KnowledgeRecords.CHUNKS);
      assertThat(chunks).isInstanceOf(DeferredRecords.class);
      Retriever fullReads = new Retriever(new FullReads(chunks), engram.embedder(), Fusion.defaults());
      for (String query : List.of("how do I reset the printer", "cleaning with a cloth", "boiler")) {
        for (SearchMode mode : SearchMode.values()) {
          SearchRequest request = SearchRequest.of(query, 4).withMode(mode);

          List<SearchHit> deferred = engram.search(initech, request, Fusion.defaults());

          assertThat(deferred).as(query + " " + mode).isNotEmpty()
              .isEqualTo(fullReads.search(initech, request));
        }
      }
    }
  }

  /** A collection that hides the deferred capability: a search reads each hit's record. */
  private record FullReads(Collection c) implements Collection {
    @Override
    public String name() {
      return c.name();
    }

    @Override
    public List<IndexHit> searchText(String query, Filter filter, int k) {
      return c.searchText(query, filter, k);
    }

    @Override
    public List<IndexHit> searchVector(float[] vector, Filter filter, int k) {
      return c.searchVector(vector, filter, k);
    }

    @Override
    public Optional<IndexRecord> get(String id) {
      return c.get(id);
    }

    @Override
    public List<IndexRecord> list(Filter filter, int limit) {
      return c.list(filter, limit);
    }

    @Override
    public int count(Filter filter) {
      return c.count(filter);
    }
  }

  @Test
  void should_supersede_and_recall_as_of_a_time_when_a_user_moves() {
    Memories memories = engram.memories();
    Scope ann = Scope.ofTenant("acme").withUser("ann");
    RememberResult paris = memories.remember(ann, said("Ann", "I live in Paris.", "2023-01-10T09:00:00Z"));
    RememberResult berlin = memories.remember(ann, said("Ann", "I moved to Berlin.", "2023-06-01T09:00:00Z"));

    assertThat(paris.decisions()).extracting(Decision::action).containsExactly(Action.ADD);
    assertThat(berlin.decisions().getFirst().action()).isEqualTo(Action.SUPERSEDE);
    List<RecalledMemory> now = memories.recall(RecallQuery.of(ann, "Where does Ann live?"));
    assertThat(now).filteredOn(r -> r.kind() == MemoryKind.FACT).first()
        .satisfies(r -> assertThat(r.text()).startsWith("Ann moved to Berlin"));
    List<RecalledMemory> before = memories.recall(RecallQuery.of(ann, "Where does Ann live?")
        .asOf(Instant.parse("2023-03-01T00:00:00Z")));
    assertThat(before).filteredOn(r -> r.kind() == MemoryKind.FACT).first()
        .satisfies(r -> assertThat(r.text()).startsWith("Ann lives in Paris"));
    // The same user name in another tenant is another person.
    assertThat(memories.recall(RecallQuery.of(Scope.ofTenant("globex").withUser("ann"),
        "Where does Ann live?"))).isEmpty();
  }

  @Test
  void should_leave_no_trace_of_an_erased_user_in_opensearch() throws Exception {
    Memories memories = engram.memories();
    Scope victim = Scope.ofTenant("acme").withUser("victim");
    Scope keeper = Scope.ofTenant("acme").withUser("keeper");
    memories.remember(victim, said("Vic", "I love my cat " + SECRET + ".", "2023-04-01T10:00:00Z"));
    memories.remember(victim, said("Vic", "I live in " + SECRET + "ville.", "2023-04-01T10:01:00Z"));
    memories.remember(keeper, said("Kim", "I love my dog Fido.", "2023-04-01T10:02:00Z"));
    String prefix = OpenSearchNode.prefix("e2e");
    List<Path> folders = NodeFiles.indexFolders(prefix + "-*");
    assertThat(NodeFiles.containing(folders, SECRET)).isNotEmpty();

    memories.erase(Scope.ofTenant("acme").withUser("victim"));

    assertThat(memories.list(victim, true)).isEmpty();
    assertThat(memories.list(keeper, false)).extracting(Memory::text).anyMatch(t -> t.contains("Fido"));
    String everything = OpenSearchNode.send("GET", "/" + prefix + "-*/_search?size=1000&q=*").body();
    assertThat(everything).contains("Fido").doesNotContain(SECRET).doesNotContain("victim");
    // The guard index too: memory batches are journaled there before they are written.
    assertThat(NodeFiles.containing(NodeFiles.indexFolders(prefix + "-*," + prefix + ".guards"),
        SECRET)).isEmpty();
  }
}
