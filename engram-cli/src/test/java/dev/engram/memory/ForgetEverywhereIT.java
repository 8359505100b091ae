package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.answer.Answer;
import dev.engram.common.Scope;
import dev.engram.context.Context;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.HistoryEntry;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forgetting a memory forgets it everywhere: recall, the context (memories, messages, recent
 * turns, session summary) and ask find nothing of it afterwards, while the rest of what the user
 * said stays. Real Lucene on disk, the real embedder.
 */
class ForgetEverywhereIT {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
  private static final String SECRET = "8841";

  @TempDir Path dir;

  @Test
  void should_find_the_forgotten_fact_nowhere_when_asked_through_recall_context_and_ask() {
    Scope maya = Scope.ofUser("maya").withSession("s1");
    try (Engram engram = Engram.builder().dataDirectory(dir.resolve("data"))
        .clock(Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC)).build()) {
      Memories memories = engram.memories();
      memories.remember(maya, List.of(Message.of("Maya", "I play cello in a community orchestra.", T)));
      memories.remember(maya, List.of(Message.of("Maya",
          "My locker number is " + SECRET + " and I love kayaking on weekends.", T.plusSeconds(60))));
      memories.remember(maya, List.of(Message.of("Maya", "Remember that my locker number is " + SECRET + ".",
          T.plusSeconds(120))));
      memories.remember(maya, List.of(Message.of("Maya", "My sister lives in Oslo.", T.plusSeconds(180))));
      Answer before = engram.answer(maya, "What is my locker number?");
      // The positive control: before forgetting, every path finds the fact.
      assertThat(before.text()).contains(SECRET);
      assertThat(render(engram.context(maya, "What is my locker number?"))).contains(SECRET);
      assertThat(memories.summary(maya).orElseThrow().text()).contains(SECRET);
      Memory locker = memories.list(maya.withoutSession(), false).stream()
          .filter(m -> m.kind() != MemoryKind.SUMMARY && m.text().contains(SECRET)).findFirst().orElseThrow();

      Forgotten f = memories.forget(maya, locker.id());

      assertThat(f.messagesChanged() + f.messagesDeleted()).isGreaterThanOrEqualTo(3);
      assertThat(memories.summary(maya).orElseThrow().text()).doesNotContain(SECRET).contains("kayaking").contains("Oslo");
      assertThat(memories.list(maya.withoutSession(), true)).allSatisfy(m -> assertThat(m.text()).doesNotContain(SECRET));
      List<Episode> turns = memories.recentTurns(maya, 100);
      assertThat(turns).allSatisfy(e -> assertThat(e.text()).doesNotContain(SECRET));
      assertThat(turns).extracting(Episode::text).contains("I love kayaking on weekends.",
          "My sister lives in Oslo.", "I play cello in a community orchestra.");
      List<HistoryEntry> history = memories.get(maya, locker.id()).map(h -> h.history()).orElse(List.of());
      assertThat(history).isEmpty();
      // Asked in other words, in another session too (so the questions asked here do not count).
      for (String q : List.of("What is my locker number?", "locker number", SECRET)) {
        List<RecalledMemory> recalled = memories.recall(RecallQuery.of(maya.withoutSession(), q).withK(20)
            .withHistory());
        assertThat(recalled).as(q).allSatisfy(r -> assertThat(r.text()).doesNotContain(SECRET));
        assertThat(render(engram.context(maya, q))).as(q).doesNotContain(SECRET);
        assertThat(engram.answer(maya.withSession("s2"), q).text()).as(q).doesNotContain(SECRET);
      }
      // The rest of what Maya said is still known.
      assertThat(memories.recall(RecallQuery.of(maya.withoutSession(), "What do I do on weekends?")))
          .anySatisfy(r -> assertThat(r.text()).contains("kayaking"));
    }
  }

  @Test
  void should_keep_superseded_text_out_of_the_summary_when_a_fact_is_replaced() {
    Scope ann = Scope.ofUser("ann").withSession("s1");
    try (Engram engram = Engram.builder().dataDirectory(dir.resolve("sup"))
        .clock(Clock.fixed(T.plusSeconds(86_400), ZoneOffset.UTC)).build()) {
      engram.memories().remember(ann, List.of(Message.of("Ann", "I live in Paris.", T)));
      assertThat(engram.memories().summary(ann).orElseThrow().text()).contains("Paris");

      engram.memories().remember(ann, List.of(Message.of("Ann", "I moved to Berlin.", T.plusSeconds(3_600))));

      assertThat(engram.memories().list(ann.withoutSession(), true))
          .anySatisfy(m -> assertThat(m.text()).contains("Paris"));
      assertThat(engram.memories().summary(ann).orElseThrow().text()).contains("Berlin").doesNotContain("Paris");
    }
  }

  @Test
  void should_delete_the_message_and_the_summary_when_they_held_only_the_forgotten_fact() {
    Scope ann = Scope.ofUser("ann").withSession("s1");
    try (Engram engram = Engram.builder().dataDirectory(dir.resolve("hist"))
        .clock(Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC)).build()) {
      engram.memories().remember(ann, List.of(Message.of("Ann", "I love hiking in the Alps.", T)));
      Memory m = engram.memories().list(ann.withoutSession(), false).stream()
          .filter(x -> x.text().contains("hiking")).findFirst().orElseThrow();

      engram.memories().forget(ann, m.id());

      assertThat(engram.memories().messageCount(ann)).as("the message held nothing else").isZero();
      assertThat(engram.memories().summary(ann)).isEmpty();
      assertThat(engram.memories().get(ann, m.id())).isEmpty();
    }
  }

  private static String render(Context c) {
    return c.render();
  }
}
