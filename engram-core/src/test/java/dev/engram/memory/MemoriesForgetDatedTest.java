package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.common.Scope;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.InMemoryIndex;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Forget when the memory's text says a resolved time ("Maya moved to Berlin in August 2025.")
 * and the messages say it as said ("last month"): the words as said go everywhere, and the fact
 * said again after the forget is remembered anew.
 */
class MemoriesForgetDatedTest {
  /** 15 September 2025: "last month" is August 2025. */
  private static final Instant T = Instant.parse("2025-09-15T10:00:00Z");
  private static final long DAY = 86_400;
  private final FakeEmbedder fake = new FakeEmbedder(8);
  private final Memories memories = new Memories(InMemoryIndex.create(fake.space()), fake,
      Clock.fixed(T.plusSeconds(5 * DAY), ZoneOffset.UTC), new RuleExtractor(ZoneOffset.UTC));
  private final Scope maya = Scope.ofUser("maya");

  private List<Memory> facts() {
    return memories.list(maya, false).stream().filter(m -> m.kind() != MemoryKind.SUMMARY).toList();
  }

  private Memory berlin() {
    return facts().stream().filter(m -> m.text().contains("Berlin")).findFirst().orElseThrow();
  }

  private List<String> said(String... sessions) {
    return Stream.of(sessions)
        .flatMap(s -> memories.recentTurns(maya.withSession(s), 10).stream())
        .map(Episode::text).toList();
  }

  /** Maya says it; a day later Engram's answer repeats it, and she restates it. */
  private void rememberTwoSessions() {
    memories.remember(maya.withSession("s1"),
        List.of(Message.of("Maya", "I moved to Berlin last month.", T)));
    memories.remember(maya.withSession("s2"), List.of(
        Message.of("Maya", "Where do I live now?", T.plusSeconds(DAY)),
        new Message("assistant", "Engram", "You moved to Berlin last month.",
            Optional.of(T.plusSeconds(DAY + 1))),
        Message.of("Maya", "Right, I moved to Berlin last month.", T.plusSeconds(DAY + 2)),
        Message.of("Maya", "My sister moved to Paris.", T.plusSeconds(DAY + 3))));
  }

  @Test
  void should_take_the_fact_out_of_an_answer_in_the_words_as_said_when_the_memory_says_the_resolved_month() {
    rememberTwoSessions();
    assertThat(berlin().text()).isEqualTo("Maya moved to Berlin in August 2025.");

    memories.forget(maya, berlin().id());

    assertThat(said("s1", "s2")).noneMatch(t -> t.contains("Berlin"))
        .contains("Where do I live now?", "My sister moved to Paris.");
    List<RecalledMemory> recalled = memories.recall(RecallQuery.of(maya, "Where did Maya move to?"));
    assertThat(recalled).extracting(RecalledMemory::text).noneMatch(t -> t.contains("Berlin"));
    assertThat(facts()).extracting(Memory::text).noneMatch(t -> t.contains("Berlin"));
  }

  @Test
  void should_remember_the_fact_anew_when_it_is_said_again_after_the_forget() {
    rememberTwoSessions();
    memories.forget(maya, berlin().id());

    var again = memories.remember(maya.withSession("s3"),
        List.of(Message.of("Maya", "I moved to Berlin last month.", T.plusSeconds(2 * DAY))));

    Memory anew = berlin();
    assertThat(anew.text()).isEqualTo("Maya moved to Berlin in August 2025.");
    assertThat(anew.provenance()).containsExactlyElementsOf(again.messageIds());
    assertThat(said("s3")).containsExactly("I moved to Berlin last month.");
  }
}
