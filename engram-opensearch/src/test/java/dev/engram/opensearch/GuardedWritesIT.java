package dev.engram.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.common.Scope;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexRecord;
import dev.engram.index.Revision;
import dev.engram.index.WriteBatch;
import dev.engram.memory.Memories;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Decision;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RememberResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guarded batches on a real node as two servers use them: two clients of one index prefix, each
 * with its own {@link Memories}, remembering for one user at once; and a batch whose writer died
 * between its commit and its records, completed by the next open.
 */
@ExtendWith(OpenSearchNode.class)
class GuardedWritesIT {
  private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
  private static final Scope ANN = Scope.ofTenant("acme").withUser("ann");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeEmbedder fake = new FakeEmbedder(8);

  private Index open(String name) {
    return new OpenSearchIndexFactory().open(IndexConfig.of(OpenSearchNode.uri(name), fake.space()));
  }

  @Test
  void should_keep_one_live_city_and_one_supersede_per_move_when_two_clients_remember_at_once()
      throws Exception {
    int moves = 12;
    try (Index a = open("two-writers"); Index b = open("two-writers")) {
      List<Memories> servers = List.of(
          new Memories(a, fake, Clock.fixed(T, ZoneOffset.UTC), new RuleExtractor(ZoneOffset.UTC)),
          new Memories(b, fake, Clock.fixed(T, ZoneOffset.UTC), new RuleExtractor(ZoneOffset.UTC)));
      Scope session = ANN.withSession("s1");
      List<RememberResult> acknowledged = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
        List<Future<RememberResult>> calls = new ArrayList<>();
        for (int i = 0; i < moves; i++) {
          Memories server = servers.get(i % 2);
          String city = "City" + (char) ('a' + i);
          calls.add(pool.submit(() -> server.remember(session,
              List.of(Message.of("ann", "I live in " + city + ".", T)))));
        }
        for (Future<RememberResult> c : calls) {
          acknowledged.add(c.get());
        }
      }

      Memories reader = servers.get(1);
      assertThat(reader.recentTurns(session, 100)).extracting(Episode::sequence)
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, moves).boxed().toList());
      List<Memory> all = reader.list(ANN, true).stream()
          .filter(m -> m.kind() != MemoryKind.SUMMARY).toList();
      assertThat(all).hasSize(moves);
      assertThat(all.stream().filter(Memory::live)).hasSize(1);
      List<Decision> decisions = acknowledged.stream().flatMap(r -> r.decisions().stream()).toList();
      assertThat(decisions.stream().filter(d -> d.action() == Action.ADD)).hasSize(1);
      assertThat(decisions.stream().flatMap(d -> d.replacedId().stream()).toList())
          .hasSize(moves - 1).doesNotHaveDuplicates();
    }
  }

  @Test
  void should_complete_a_committed_batch_whose_writer_died_before_writing_its_records()
      throws Exception {
    String name = "abandoned";
    try (Index index = open(name)) {
      // A first guarded batch creates the collection's index and the guard index.
      index.write(WriteBatch.builder().upsert("docs", record("before", "written whole")).build()
          .guarded("owner-x", Revision.NONE));
    }
    // What a server that died right after its commit leaves: the journal, none of its records.
    String guards = OpenSearchNode.prefix(name) + ".guards";
    JsonNode current = JSON.readTree(OpenSearchNode.send("GET", "/" + guards + "/_doc/owner-x").body());
    ObjectNode journal = JSON.createObjectNode().put("pending", true).put("since", 0);
    journal.putArray("states")
        .add(JSON.createObjectNode().put("c", "docs").put("id", "after")
            .set("doc", Documents.toSource(JSON, record("after", "the dead server's record"))))
        .add(JSON.createObjectNode().put("c", "docs").put("id", "before"));
    HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + OpenSearchNode.PORT + "/" + guards + "/_doc/owner-x?if_seq_no="
                + current.path("_seq_no").asLong() + "&if_primary_term="
                + current.path("_primary_term").asLong()))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(journal))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(200);

    try (Index reopened = open(name)) {
      assertThat(reopened.collection("docs").list(Filter.all(), 10)).extracting(IndexRecord::id)
          .containsExactly("after");
      JsonNode guard = JSON.readTree(OpenSearchNode.send("GET", "/" + guards + "/_doc/owner-x").body());
      assertThat(guard.path("_source").path("pending").asBoolean()).isFalse();
      Revision now = reopened.revision("owner-x");
      reopened.write(WriteBatch.builder().upsert("docs", record("next", "goes through")).build()
          .guarded("owner-x", now));
      assertThat(reopened.collection("docs").count(Filter.all())).isEqualTo(2);
    }
  }

  private IndexRecord record(String id, String text) {
    return new IndexRecord(id, text, fake.embedDocuments(List.of(text)).getFirst(), Map.of(), Map.of());
  }
}
