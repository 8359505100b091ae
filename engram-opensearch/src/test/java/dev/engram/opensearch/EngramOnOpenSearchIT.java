package dev.engram.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.knowledge.IngestListener;
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
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
