package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.FailingIndex;
import dev.engram.index.Filter;
import dev.engram.index.InMemoryIndex;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RememberResult;
import dev.engram.memory.store.Fields;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Erase and list honour the agent and session a scope names, on the in-memory index. */
class MemoriesScopeTest {
  private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
  private static final Scope ANN = Scope.ofTenant("acme").withUser("ann");

  private final FakeEmbedder fake = new FakeEmbedder(8);
  private final FailingIndex index = new FailingIndex(InMemoryIndex.create(fake.space()));
  private final Memories memories = new Memories(index, fake, Clock.fixed(T, ZoneOffset.UTC),
      new RuleExtractor(ZoneOffset.UTC));

  private RememberResult say(Scope scope, String text) {
    return memories.remember(scope, List.of(Message.of("ann", text, T)));
  }

  private List<String> facts(Scope scope) {
    return memories.list(scope, true).stream().filter(m -> m.kind() != MemoryKind.SUMMARY)
        .map(Memory::text).toList();
  }

  @Test
  void should_erase_only_that_session_in_one_write_when_the_scope_names_a_session() {
    say(ANN.withSession("s1"), "I live in Paris.");
    say(ANN.withSession("s2"), "I love cycling.");
    int writes = index.writes();

    Map<String, Integer> erased = memories.erase(ANN.withSession("s1"));

    assertThat(erased).containsOnlyKeys(Fields.ALL).containsEntry(Fields.EPISODES, 1)
        .containsEntry(Fields.MEMORIES, 2);
    assertThat(erased.get(Fields.HISTORY)).isPositive();
    assertThat(index.writes()).isEqualTo(writes + 1);
    assertThat(index.purges()).isEqualTo(1);
    assertThat(facts(ANN)).noneMatch(t -> t.contains("Paris")).anyMatch(t -> t.contains("cycling"));
    assertThat(memories.messageCount(ANN.withSession("s1"))).isZero();
    assertThat(memories.messageCount(ANN.withSession("s2"))).isEqualTo(1);
    assertThat(memories.summary(ANN.withSession("s1"))).isEmpty();
    assertThat(memories.summary(ANN.withSession("s2"))).isPresent();
  }

  @Test
  void should_erase_only_that_agent_when_the_scope_names_an_agent() {
    say(ANN.withAgent("bot").withSession("s1"), "I live in Paris.");
    say(ANN.withAgent("coach").withSession("s1"), "I love cycling.");

    Map<String, Integer> erased = memories.erase(ANN.withAgent("bot"));

    assertThat(erased).containsEntry(Fields.EPISODES, 1).containsEntry(Fields.MEMORIES, 2);
    assertThat(facts(ANN.withAgent("bot"))).isEmpty();
    assertThat(facts(ANN)).containsExactly("ann loves cycling.");
  }

  @Test
  void should_erase_the_agent_and_session_only_when_the_scope_names_both() {
    say(ANN.withAgent("bot").withSession("s1"), "I live in Paris.");
    say(ANN.withAgent("bot").withSession("s2"), "I love cycling.");
    say(ANN.withSession("s1"), "I have a dog named Rex.");

    memories.erase(ANN.withAgent("bot").withSession("s1"));

    assertThat(facts(ANN)).noneMatch(t -> t.contains("Paris")).hasSize(2);
  }

  @Test
  void should_erase_the_history_of_an_erased_memory_when_it_was_edited_outside_the_session() {
    String id = say(ANN.withSession("s1"), "I live in Paris.").decisions().getFirst().memoryId();
    memories.edit(ANN, id, "ann lives in Lyon.");
    Filter aboutIt = Filter.eq("memoryId", id);
    int entries = index.collection(Fields.HISTORY).count(aboutIt);
    assertThat(entries).isEqualTo(2);

    Map<String, Integer> erased = memories.erase(ANN.withSession("s1"));

    assertThat(index.collection(Fields.HISTORY).count(aboutIt)).isZero();
    assertThat(erased.get(Fields.HISTORY)).isEqualTo(entries);
    assertThat(memories.get(ANN, id)).isEmpty();
  }

  @Test
  void should_still_erase_every_session_and_agent_when_the_scope_names_only_the_user() {
    say(ANN.withAgent("bot").withSession("s1"), "I live in Paris.");
    say(ANN.withSession("s2"), "I love cycling.");

    memories.erase(ANN);

    assertThat(memories.list(ANN, true)).isEmpty();
    assertThat(memories.messageCount(ANN)).isZero();
    assertThat(index.collection(Fields.HISTORY).count(Fields.of(ANN))).isZero();
  }

  @Test
  void should_refuse_to_erase_when_the_scope_names_no_user() {
    assertThatThrownBy(() -> memories.erase(Scope.ofAgent("acme", "bot").withSession("s1")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs a user");
  }

  @Test
  void should_list_only_that_session_with_its_summary_when_the_scope_names_a_session() {
    say(ANN.withSession("s1"), "I live in Paris.");
    say(ANN.withSession("s2"), "I love cycling.");

    List<Memory> s1 = memories.list(ANN.withSession("s1"), false);

    assertThat(s1).extracting(m -> m.scope().session().orElseThrow()).containsOnly("s1");
    assertThat(s1).extracting(Memory::kind).containsExactlyInAnyOrder(MemoryKind.FACT, MemoryKind.SUMMARY);
    assertThat(s1).extracting(Memory::text).noneMatch(t -> t.contains("cycling"));
    assertThat(facts(ANN)).hasSize(2);
  }

  @Test
  void should_take_a_fact_superseded_in_a_later_session_out_of_the_earlier_sessions_summary() {
    say(ANN.withSession("s1"), "I live in Paris.");
    say(ANN.withSession("s1"), "I love hiking.");
    assertThat(memories.summary(ANN.withSession("s1")).orElseThrow().text()).contains("Paris");

    say(ANN.withSession("s2"), "I moved to Berlin.");

    assertThat(memories.list(ANN, false)).extracting(Memory::text)
        .noneMatch(t -> t.contains("Paris")).anyMatch(t -> t.contains("Berlin"));
    assertThat(memories.summary(ANN.withSession("s1")).orElseThrow().text())
        .doesNotContain("Paris").contains("hiking");
    assertThat(memories.summary(ANN.withSession("s2")).orElseThrow().text()).contains("Berlin");
  }
}
