package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.common.Scope;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.Index;
import dev.engram.index.InMemoryIndex;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Decision;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RememberResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Two {@link Memories} on one index, as two servers sharing a remote index are: each has its own
 * owner locks, so only the index's guarded writes keep them from deciding on each other's stale
 * state.
 */
class MemoriesTwoWritersTest {
  private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
  private static final Scope ANN = Scope.ofTenant("acme").withUser("ann");
  private static final int MOVES = 24;

  private final FakeEmbedder fake = new FakeEmbedder(8);
  private final Index shared = InMemoryIndex.create(fake.space());

  private Memories server() {
    return new Memories(shared, fake, Clock.fixed(T, ZoneOffset.UTC),
        new RuleExtractor(ZoneOffset.UTC));
  }

  @Test
  void should_keep_one_live_city_and_one_supersede_per_move_when_two_servers_remember_at_once()
      throws Exception {
    List<Memories> servers = List.of(server(), server());
    Scope session = ANN.withSession("s1");
    List<RememberResult> acknowledged = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<RememberResult>> calls = new ArrayList<>();
      for (int i = 0; i < MOVES; i++) {
        Memories server = servers.get(i % 2);
        String city = "City" + (char) ('a' + i);
        calls.add(pool.submit(() -> server.remember(session,
            List.of(Message.of("ann", "I live in " + city + ".", T)))));
      }
      for (Future<RememberResult> c : calls) {
        acknowledged.add(c.get());
      }
    }

    Memories reader = servers.getFirst();
    // Every acknowledged message is there, each with its own place in the session.
    assertThat(reader.recentTurns(session, 100)).extracting(Episode::sequence)
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, MOVES).boxed().toList());
    Set<String> episodeIds = new HashSet<>();
    acknowledged.forEach(r -> episodeIds.addAll(r.messageIds()));
    assertThat(reader.messages(ANN, List.copyOf(episodeIds))).hasSize(MOVES);
    // One city is believed; every other move closed exactly the one before it.
    List<Memory> all = reader.list(ANN, true).stream()
        .filter(m -> m.kind() != dev.engram.memory.model.MemoryKind.SUMMARY).toList();
    assertThat(all.stream().filter(Memory::live).toList()).hasSize(1);
    List<Decision> decisions = acknowledged.stream().flatMap(r -> r.decisions().stream()).toList();
    assertThat(decisions).extracting(Decision::action).containsOnly(Action.ADD, Action.SUPERSEDE);
    List<String> replaced = decisions.stream().flatMap(d -> d.replacedId().stream()).toList();
    assertThat(replaced).hasSize(MOVES - 1).doesNotHaveDuplicates();
    assertThat(decisions.stream().filter(d -> d.action() == Action.ADD)).hasSize(1);
    assertThat(all).hasSize(MOVES);
  }
}
