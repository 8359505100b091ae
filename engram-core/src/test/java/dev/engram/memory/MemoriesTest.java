package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import dev.engram.common.ModelException;
import dev.engram.common.Scope;
import dev.engram.common.StorageException;
import dev.engram.embed.Embedder;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.FailingIndex;
import dev.engram.index.InMemoryIndex;
import dev.engram.memory.consolidate.Consolidator;
import dev.engram.memory.consolidate.RuleConsolidator;
import dev.engram.memory.extract.Extractor;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.RememberResult;
import dev.engram.memory.recall.RecallWeights;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Memories on the in-memory index with a deterministic embedder: fast, and exact about failures. */
class MemoriesTest {
  private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
  private static final Scope ANN = Scope.ofTenant("acme").withUser("ann");

  private final FakeEmbedder fake = new FakeEmbedder(8);
  private final FailingIndex index = new FailingIndex(InMemoryIndex.create(fake.space()));
  private final AtomicBoolean failExtract = new AtomicBoolean();
  private final AtomicBoolean failEmbed = new AtomicBoolean();
  private final AtomicBoolean failConsolidate = new AtomicBoolean();

  private final Memories memories = new Memories(index, flaky(fake), CLOCK, extractor(),
      consolidator(), RecallWeights.defaults());

  private Extractor extractor() {
    RuleExtractor rules = new RuleExtractor(ZoneOffset.UTC);
    return messages -> {
      if (failExtract.get()) {
        throw new ModelException("ENGRAM-620", "injected: extraction failed");
      }
      return rules.extract(messages);
    };
  }

  private Consolidator consolidator() {
    RuleConsolidator rules = new RuleConsolidator();
    return (candidate, similar) -> {
      if (failConsolidate.get()) {
        throw new ModelException("ENGRAM-620", "injected: consolidation failed");
      }
      return rules.decide(candidate, similar);
    };
  }

  private Embedder flaky(FakeEmbedder delegate) {
    return new Embedder() {
      @Override
      public dev.engram.common.VectorSpace space() {
        return delegate.space();
      }

      @Override
      public List<float[]> embedDocuments(List<String> texts) {
        if (failEmbed.get()) {
          throw new ModelException("ENGRAM-600", "injected: embedding failed");
        }
        return delegate.embedDocuments(texts);
      }

      @Override
      public float[] embedQuery(String query) {
        return delegate.embedQuery(query);
      }

      @Override
      public void close() {}
    };
  }

  private RememberResult say(Scope scope, String text) {
    return memories.remember(scope.withSession("s1"), List.of(Message.of("ann", text, T)));
  }

  @Test
  void should_store_nothing_of_a_remember_when_any_step_fails() {
    say(ANN, "I live in Paris.");
    List<Memory> before = memories.list(ANN, true);
    int writes = index.writes();
    List<Runnable> failures = List.of(
        () -> failExtract.set(true), () -> failEmbed.set(true), () -> failConsolidate.set(true),
        () -> index.failNextWrites(1));

    for (Runnable fail : failures) {
      fail.run();
      assertThatThrownBy(() -> say(ANN, "I moved to Berlin and I love cycling."))
          .isInstanceOfAny(ModelException.class, StorageException.class);
      failExtract.set(false);
      failEmbed.set(false);
      failConsolidate.set(false);
      assertThat(memories.list(ANN, true)).isEqualTo(before);
      assertThat(memories.messageCount(ANN)).isEqualTo(1);
      assertThat(index.writes()).isEqualTo(writes);
    }

    RememberResult next = say(ANN, "I moved to Berlin.");
    assertThat(next.decisions()).extracting(d -> d.action()).contains(Action.SUPERSEDE);
    assertThat(memories.recentTurns(ANN.withSession("s1"), 10)).extracting(Episode::sequence)
        .containsExactly(1L, 0L);
  }

  @Test
  void should_keep_the_memory_and_its_history_when_forget_or_edit_fails() {
    String id = say(ANN, "My favourite colour is green.").decisions().getFirst().memoryId();
    index.failNextWrites(2);

    assertThatThrownBy(() -> memories.forget(ANN, id)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> memories.edit(ANN, id, "My favourite colour is blue."))
        .isInstanceOf(StorageException.class);

    assertThat(memories.get(ANN, id)).hasValueSatisfying(m -> {
      assertThat(m.memory().text()).contains("green");
      assertThat(m.history()).extracting(h -> h.action()).containsExactly(Action.ADD);
    });
    memories.forget(ANN, id);
    assertThat(memories.get(ANN, id)).isEmpty();
  }

  @Test
  void should_see_only_an_agents_own_memories_when_the_scope_names_only_the_agent() {
    Scope agent = Scope.ofAgent("acme", "helper");
    say(ANN.withAgent("helper"), "I live in Paris.");
    RememberResult own = say(agent, "I live in Rome.");

    assertThat(memories.list(agent, true)).extracting(Memory::text).allMatch(t -> !t.contains("Paris"))
        .isNotEmpty();
    assertThat(memories.list(ANN, false)).extracting(Memory::text).anyMatch(t -> t.contains("Paris"))
        .noneMatch(t -> t.contains("Rome"));
    assertThat(memories.recall(RecallQuery.of(agent, "Paris").withK(10)))
        .extracting(RecalledMemory::text).noneMatch(t -> t.contains("Paris"));
    String annsMemory = memories.list(ANN, false).getFirst().id();
    assertThatThrownBy(() -> memories.forget(agent, annsMemory))
        .isInstanceOf(InvalidInputException.class);

    // The agent moving does not supersede its user's city.
    RememberResult moved = say(agent, "I moved to Oslo.");
    assertThat(moved.decisions()).allSatisfy(d -> d.replacedId().ifPresent(r ->
        assertThat(r).isEqualTo(own.decisions().getFirst().memoryId())));
    assertThat(memories.list(ANN, false)).extracting(Memory::text).anyMatch(t -> t.contains("Paris"));
  }

  @Test
  void should_give_every_message_of_a_session_its_own_sequence_when_remembered_concurrently()
      throws Exception {
    Scope session = ANN.withSession("busy");
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<RememberResult>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        calls.add(pool.submit(() -> memories.remember(session,
            List.of(Message.of("ann", "Note number " + n + " says the sky is clear.", T)))));
      }
      for (Future<RememberResult> c : calls) {
        c.get();
      }
    }

    assertThat(memories.recentTurns(session, 100)).extracting(Episode::sequence)
        .containsExactlyElementsOf(LongStream.range(0, 40).map(i -> 39 - i).boxed().toList());
  }

  @Test
  void should_erase_the_user_of_one_tenant_only() {
    say(ANN, "I live in Paris.");
    say(ANN.inTenant("globex"), "I live in Paris.");

    memories.erase(ANN);

    assertThat(memories.list(ANN, true)).isEmpty();
    assertThat(memories.messageCount(ANN)).isZero();
    assertThat(memories.list(ANN.inTenant("globex"), true)).isNotEmpty();
  }
}
