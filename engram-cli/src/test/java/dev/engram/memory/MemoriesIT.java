package dev.engram.memory;

import dev.engram.memory.model.RememberResult;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.MemoryWithHistory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.HistoryEntry;
import dev.engram.memory.model.Decision;
import dev.engram.memory.model.Action;
import dev.engram.common.Scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Engram;
import dev.engram.common.InvalidInputException;
import dev.engram.memory.extract.RuleExtractor;
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
import org.junit.jupiter.api.io.TempDir;

/** The memory pipeline on the real Lucene index and the in-process embedder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoriesIT {
  private static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");
  private Engram engram;
  private Memories memories;
  private int users;

  @BeforeAll
  void open(@TempDir Path dir) {
    engram = Engram.builder().dataDirectory(dir.resolve("data"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    memories = engram.memories();
  }

  @AfterAll
  void close() {
    engram.close();
  }

  private Scope newUser() {
    return Scope.ofUser("user-" + users++);
  }

  private static List<Message> said(String speaker, String text, String time) {
    return List.of(Message.of(speaker, text, Instant.parse(time)));
  }

  private static Optional<RecalledMemory> firstFact(List<RecalledMemory> results) {
    return results.stream().filter(r -> r.kind() == MemoryKind.FACT).findFirst();
  }

  @Test
  void should_supersede_and_keep_history_when_a_user_moves_from_paris_to_berlin() {
    Scope ann = newUser();
    RememberResult paris = memories.remember(ann, said("Ann", "I live in Paris.", "2023-01-10T09:00:00Z"));
    RememberResult berlin = memories.remember(ann, said("Ann", "I moved to Berlin.", "2023-06-01T09:00:00Z"));

    assertThat(paris.decisions()).singleElement().extracting(Decision::action).isEqualTo(Action.ADD);
    Decision move = berlin.decisions().getFirst();
    assertThat(move.action()).isEqualTo(Action.SUPERSEDE);
    String parisId = paris.decisions().getFirst().memoryId();
    assertThat(move.replacedId()).contains(parisId);

    List<RecalledMemory> now = memories.recall(RecallQuery.of(ann, "Where does Ann live?"));
    // A recalled memory's first line is the memory; the lines under it are its source messages.
    assertThat(firstFact(now)).hasValueSatisfying(r -> assertThat(r.text()).startsWith("Ann moved to Berlin"));
    assertThat(now).noneMatch(r -> r.kind() == MemoryKind.FACT && r.text().lines().findFirst().orElseThrow().contains("Paris"));

    List<RecalledMemory> before = memories.recall(
        RecallQuery.of(ann, "Where does Ann live?").asOf(Instant.parse("2023-03-01T00:00:00Z")));
    assertThat(firstFact(before)).hasValueSatisfying(r -> {
      assertThat(r.text()).startsWith("Ann lives in Paris");
      assertThat(r.validTo()).contains(Instant.parse("2023-06-01T09:00:00Z"));
    });
    assertThat(before).noneMatch(r -> r.text().contains("Berlin"));

    assertThat(memories.recall(RecallQuery.of(ann, "Where does Ann live?").withHistory()))
        .filteredOn(r -> r.kind() == MemoryKind.FACT).extracting(r -> r.text().lines().findFirst().orElseThrow())
        .anyMatch(t -> t.contains("Paris")).anyMatch(t -> t.contains("Berlin"));
    assertThat(memories.list(ann, false)).filteredOn(m -> m.kind() == MemoryKind.FACT)
        .extracting(Memory::text).noneMatch(t -> t.contains("Paris"));
    assertThat(memories.list(ann, true)).extracting(Memory::text)
        .anyMatch(t -> t.contains("Paris")).anyMatch(t -> t.contains("Berlin"));

    MemoryWithHistory old = memories.get(ann, parisId).orElseThrow();
    assertThat(old.memory().live()).isFalse();
    assertThat(old.history()).extracting(HistoryEntry::action).containsExactly(Action.ADD, Action.SUPERSEDE);
    assertThat(old.history().getLast().reason()).contains("residence");
    assertThat(old.history().getLast().relatedId()).contains(move.memoryId());
    assertThat(old.memory().provenance()).containsExactlyElementsOf(paris.messageIds());
  }

  @Test
  void should_keep_the_hobby_and_rank_the_new_home_first_when_half_of_a_compound_fact_is_superseded() {
    Scope ann = newUser();
    RememberResult first = memories.remember(ann,
        said("ann", "I live in Paris and I love hiking.", "2024-03-01T10:00:00Z"));
    RememberResult move = memories.remember(ann,
        said("ann", "I moved to Berlin last week.", "2024-06-01T10:00:00Z"));

    assertThat(first.decisions()).extracting(Decision::action).containsExactly(Action.ADD, Action.ADD);
    assertThat(move.decisions()).singleElement().extracting(Decision::action).isEqualTo(Action.SUPERSEDE);
    assertThat(memories.list(ann, false)).filteredOn(m -> m.kind() != MemoryKind.SUMMARY).extracting(Memory::text)
        .contains("ann loves hiking.", "ann moved to Berlin in the week of 20 May 2024.").noneMatch(t -> t.contains("Paris"));
    Instant lastWeek = Instant.parse("2024-05-25T10:00:00Z");
    Memory berlin = memories.get(ann, move.decisions().getFirst().memoryId()).orElseThrow().memory();
    assertThat(berlin.eventTime()).isEqualTo(lastWeek);
    assertThat(berlin.validFrom()).isEqualTo(lastWeek);
    Memory paris = memories.get(ann, move.decisions().getFirst().replacedId().orElseThrow()).orElseThrow().memory();
    assertThat(paris.text()).isEqualTo("ann lives in Paris.");
    assertThat(paris.validTo()).contains(lastWeek);

    List<RecalledMemory> now = memories.recall(RecallQuery.of(ann, "where does ann live").withK(3));
    assertThat(now.getFirst().text()).startsWith("ann moved to Berlin");
    assertThat(now).extracting(r -> r.text().lines().findFirst().orElseThrow()).contains("ann loves hiking.");
    // Messages said three months apart in two remember calls are never one window.
    assertThat(now).allSatisfy(r -> assertThat(r.provenance()).hasSize(1));

    List<RecalledMemory> april = memories.recall(
        RecallQuery.of(ann, "where does ann live").withK(3).asOf(Instant.parse("2024-04-01T00:00:00Z")));
    assertThat(april.getFirst().text()).startsWith("ann lives in Paris.");
    assertThat(april).noneMatch(r -> r.text().contains("Berlin"));
  }

  @Test
  void should_noop_when_the_same_preference_is_said_twice() {
    Scope bob = newUser();
    memories.remember(bob, said("Bob", "I love hiking in the Alps.", "2023-02-01T10:00:00Z"));
    RememberResult again = memories.remember(bob, said("Bob", "I love hiking in the Alps!", "2023-02-09T10:00:00Z"));
    assertThat(again.decisions()).singleElement().extracting(Decision::action).isEqualTo(Action.NOOP);
    assertThat(memories.list(bob, false)).filteredOn(m -> m.kind() == MemoryKind.PREFERENCE).hasSize(1);
    String id = again.decisions().getFirst().memoryId();
    assertThat(memories.get(bob, id).orElseThrow().history()).extracting(HistoryEntry::action)
        .containsExactly(Action.ADD, Action.NOOP);
  }

  @Test
  void should_store_the_resolved_date_when_an_event_is_told_with_a_relative_date() {
    Scope cara = newUser();
    RememberResult r = memories.remember(cara.withSession("s1"),
        said("Caroline", "I went to a LGBTQ support group yesterday.", "2023-05-08T13:56:00Z"));
    Memory m = memories.get(cara, r.decisions().getFirst().memoryId()).orElseThrow().memory();
    assertThat(m.kind()).isEqualTo(MemoryKind.EVENT);
    assertThat(m.text()).startsWith("Caroline went to a LGBTQ support group");
    assertThat(m.eventTime()).isEqualTo(Instant.parse("2023-05-07T13:56:00Z"));
    assertThat(m.ingestTime()).isEqualTo(NOW);
    assertThat(memories.summary(cara.withSession("s1"))).hasValueSatisfying(s -> {
      assertThat(s.kind()).isEqualTo(MemoryKind.SUMMARY);
      assertThat(s.text()).contains("support group");
    });
    List<RecalledMemory> hits = memories.recall(RecallQuery.of(cara, "When did Caroline go to the support group?"));
    assertThat(hits.getFirst().provenance()).contains(r.messageIds().getFirst());
  }

  @Test
  void should_never_show_one_tenants_memories_to_another_when_user_ids_are_the_same() {
    Scope a = Scope.ofUser("same-user").inTenant("tenant-a");
    Scope b = Scope.ofUser("same-user").inTenant("tenant-b");
    RememberResult ra = memories.remember(a, said("Sam", "I love sushi with wasabi.", "2023-01-01T00:00:00Z"));
    memories.remember(b, said("Sam", "I love pizza with basil.", "2023-01-01T00:00:00Z"));

    assertThat(memories.recall(RecallQuery.of(b, "sushi wasabi"))).extracting(RecalledMemory::text)
        .noneMatch(t -> t.contains("sushi"));
    assertThat(memories.list(b, true)).extracting(Memory::text).noneMatch(t -> t.contains("sushi"));
    assertThat(memories.get(b, ra.decisions().getFirst().memoryId())).isEmpty();
    assertThat(memories.messages(b, ra.messageIds())).isEmpty();
    assertThatThrownBy(() -> memories.forget(b, ra.decisions().getFirst().memoryId()))
        .isInstanceOf(InvalidInputException.class);

    memories.erase(b);
    assertThat(memories.list(b, true)).isEmpty();
    assertThat(memories.list(a, true)).extracting(Memory::text).anyMatch(t -> t.contains("sushi"));
  }

  @Test
  void should_edit_with_a_new_version_and_forget_when_asked() {
    Scope dan = newUser();
    RememberResult r = memories.remember(dan, said("Dan", "I have a dog named Rex.", "2023-01-01T00:00:00Z"));
    String id = r.decisions().getFirst().memoryId();
    Memory edited = memories.edit(dan, id, "Dan has a dog named Rex, a beagle");
    assertThat(edited.version()).isEqualTo(2);
    assertThat(memories.get(dan, id).orElseThrow().history()).extracting(HistoryEntry::action)
        .containsExactly(Action.ADD, Action.EDIT);
    assertThat(memories.recall(RecallQuery.of(dan, "beagle"))).extracting(RecalledMemory::id).contains(id);

    memories.forget(dan, id);
    assertThat(memories.get(dan, id)).isEmpty();
    assertThat(memories.recall(RecallQuery.of(dan, "beagle"))).extracting(RecalledMemory::id).doesNotContain(id);
  }

  @Test
  void should_refuse_bad_input_and_change_nothing() {
    Scope eve = newUser();
    memories.remember(eve, said("Eve", "I work at Initech.", "2023-01-01T00:00:00Z"));
    List<Memory> before = memories.list(eve, true);
    Scope noUser = new Scope("default", Optional.empty(), Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> memories.remember(eve, List.of())).isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-302");
    assertThatThrownBy(() -> memories.remember(noUser, said("x", "I like tea.", "2023-01-01T00:00:00Z")))
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-301");
    assertThatThrownBy(() -> memories.erase(noUser))
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-301");
    assertThatThrownBy(() -> memories.forget(eve, "mem-nope"))
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-306");
    assertThatThrownBy(() -> memories.edit(eve, "mem-nope", "x"))
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-306");
    assertThatThrownBy(() -> memories.recall(RecallQuery.of(eve, " ")))
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-304");

    assertThat(memories.list(eve, true)).isEqualTo(before);
  }
}
