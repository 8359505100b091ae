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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forget on the in-memory index: what goes, what stays, and the session's order. */
class MemoriesForgetTest {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
  private final FakeEmbedder fake = new FakeEmbedder(8);
  private final Memories memories = new Memories(InMemoryIndex.create(fake.space()), fake,
      Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC), new RuleExtractor(ZoneOffset.UTC));
  private final Scope ann = Scope.ofUser("ann").withSession("s1");

  private Memory about(String word) {
    return memories.list(ann.withoutSession(), false).stream()
        .filter(m -> m.kind() != MemoryKind.SUMMARY && m.text().contains(word)).findFirst().orElseThrow();
  }

  @Test
  void should_keep_sequence_numbers_unique_when_an_emptied_message_is_followed_by_new_ones() {
    memories.remember(ann, List.of(Message.of("Ann", "I love hiking in the Alps.", T)));
    memories.remember(ann, List.of(Message.of("Ann", "I love cooking pasta.", T.plusSeconds(60))));

    memories.forget(ann, about("hiking").id());
    memories.remember(ann, List.of(Message.of("Ann", "I love reading novels.", T.plusSeconds(120))));

    List<Episode> turns = memories.recentTurns(ann, 10);
    assertThat(turns).extracting(Episode::text).containsExactly("I love reading novels.", "I love cooking pasta.");
    assertThat(turns).extracting(Episode::sequence).containsExactly(2L, 1L);
    assertThat(memories.messageCount(ann)).isEqualTo(2);
  }

  @Test
  void should_delete_only_the_summary_when_the_summary_is_forgotten() {
    memories.remember(ann, List.of(Message.of("Ann", "I love hiking in the Alps.", T)));
    Memory summary = memories.summary(ann).orElseThrow();

    Forgotten f = memories.forget(ann, summary.id());

    assertThat(f.messagesChanged() + f.messagesDeleted()).isZero();
    assertThat(memories.summary(ann)).isEmpty();
    assertThat(memories.recentTurns(ann, 10)).extracting(Episode::text).containsExactly("I love hiking in the Alps.");
    assertThat(about("hiking")).isNotNull();
  }
}
