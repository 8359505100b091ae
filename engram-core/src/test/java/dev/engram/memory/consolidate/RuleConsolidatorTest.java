package dev.engram.memory.consolidate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.model.Action;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Slot;
import dev.engram.common.Scope;
import dev.engram.memory.extract.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleConsolidatorTest {
  private static final Instant T0 = Instant.parse("2023-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2023-06-01T00:00:00Z");
  private final RuleConsolidator consolidator = new RuleConsolidator();

  /** A slot as the index stores it. */
  private static Optional<Slot> slot(String stored) {
    return Optional.of(Slot.parse(stored));
  }

  private static Memory known(String id, MemoryKind kind, String text, Optional<Slot> slot) {
    return new Memory(id, Scope.ofUser("u"), kind, text, 0.6, T0, T0, T0, Optional.empty(),
        List.of("m0"), slot, 1);
  }

  private static Candidate candidate(MemoryKind kind, String text, Instant when, Optional<Slot> slot) {
    return new Candidate(kind, text, 0.6, when, when, List.of("m1"), slot);
  }

  @Test
  void should_add_when_nothing_similar_is_known() {
    Verdict v = consolidator.decide(candidate(MemoryKind.FACT, "Ann has a dog", T1, Optional.empty()), List.of());
    assertThat(v.action()).isEqualTo(Action.ADD);
    assertThat(v.reason()).contains("no similar memory");
  }

  @Test
  void should_noop_when_a_near_identical_memory_is_known() {
    Memory m = known("a", MemoryKind.FACT, "Ann has a dog", Optional.empty());
    Verdict v = consolidator.decide(candidate(MemoryKind.FACT, "Ann has a dog.", T1, Optional.empty()),
        List.of(new Similar(m, 0.97)));
    assertThat(v.action()).isEqualTo(Action.NOOP);
    assertThat(v.targetId()).contains("a");
  }

  @Test
  void should_update_when_the_candidate_refines_a_very_similar_memory() {
    Memory m = known("a", MemoryKind.FACT, "Ann has a dog", Optional.empty());
    Verdict v = consolidator.decide(
        candidate(MemoryKind.FACT, "Ann has a dog named Max", T1, Optional.empty()),
        List.of(new Similar(m, 0.91)));
    assertThat(v.action()).isEqualTo(Action.UPDATE);
    assertThat(v.text()).isEqualTo("Ann has a dog named Max");
  }

  @Test
  void should_supersede_when_a_later_statement_sets_the_same_slot_to_another_value() {
    Memory paris = known("p", MemoryKind.FACT, "Ann lives in Paris", slot("ann|residence=paris"));
    Verdict v = consolidator.decide(
        candidate(MemoryKind.FACT, "Ann moved to Berlin", T1, slot("ann|residence=berlin")),
        List.of(new Similar(paris, 0.6)));
    assertThat(v.action()).isEqualTo(Action.SUPERSEDE);
    assertThat(v.targetId()).contains("p");
    assertThat(v.reason()).contains("residence");
  }

  @Test
  void should_add_instead_of_supersede_when_the_contradicting_statement_happened_earlier() {
    Memory berlin = new Memory("b", Scope.ofUser("u"), MemoryKind.FACT, "Ann lives in Berlin", 0.6, T1, T1,
        T1, Optional.empty(), List.of("m0"), slot("ann|residence=berlin"), 1);
    Verdict v = consolidator.decide(
        candidate(MemoryKind.FACT, "Ann lived in Paris", T0, slot("ann|residence=paris")),
        List.of(new Similar(berlin, 0.6)));
    assertThat(v.action()).isEqualTo(Action.ADD);
  }

  @Test
  void should_noop_when_the_same_slot_value_is_said_again_in_other_words() {
    Memory paris = known("p", MemoryKind.FACT, "Ann lives in Paris, France", slot("ann|residence=paris"));
    Verdict v = consolidator.decide(
        candidate(MemoryKind.FACT, "Ann lives in Paris", T1, slot("ann|residence=paris")),
        List.of(new Similar(paris, 0.9)));
    assertThat(v.action()).isEqualTo(Action.NOOP);
  }

  @Test
  void should_add_when_a_near_identical_memory_differs_in_a_number_or_a_name() {
    Memory three = known("a", MemoryKind.EVENT, "Ann visited museum number 3 in Rome", Optional.empty());
    assertThat(consolidator.decide(candidate(MemoryKind.EVENT, "Ann visited museum number 4 in Rome", T1,
        Optional.empty()), List.of(new Similar(three, 0.98))).action()).isEqualTo(Action.ADD);
    assertThat(consolidator.decide(candidate(MemoryKind.EVENT, "Ann visited museum number 3 in Oslo", T1,
        Optional.empty()), List.of(new Similar(three, 0.98))).action()).isEqualTo(Action.ADD);
  }

  @Test
  void should_add_when_a_similar_memory_has_another_kind() {
    Memory pref = known("a", MemoryKind.PREFERENCE, "Ann likes dogs", Optional.empty());
    Verdict v = consolidator.decide(candidate(MemoryKind.EVENT, "Ann likes dogs", T1, Optional.empty()),
        List.of(new Similar(pref, 0.99)));
    assertThat(v.action()).isEqualTo(Action.ADD);
  }

  private Action decide(String knownText, String candidateText, double cosine) {
    Memory m = known("a", MemoryKind.FACT, knownText, Optional.empty());
    return consolidator.decide(candidate(MemoryKind.FACT, candidateText, T1, Optional.empty()),
        List.of(new Similar(m, cosine))).action();
  }

  @Test
  void should_add_when_a_near_identical_memory_differs_in_a_number_inside_a_word() {
    // The example: cosine 0.98, and yet two places.
    assertThat(decide("The user visited village3.", "The user visited village4.", 0.98))
        .isEqualTo(Action.ADD);
  }

  @Test
  void should_add_when_a_near_identical_memory_differs_in_a_number_word_or_a_lower_case_name() {
    assertThat(decide("Ann has two kids.", "Ann has three kids.", 0.97)).isEqualTo(Action.ADD);
    assertThat(decide("Ann's cat is called miso.", "Ann's cat is called tofu.", 0.97))
        .isEqualTo(Action.ADD);
    assertThat(decide("Ann's anniversary is on the third of may.",
        "Ann's anniversary is on the fifth of may.", 0.99)).isEqualTo(Action.ADD);
  }

  @Test
  void should_add_when_a_near_identical_memory_differs_only_in_negation() {
    assertThat(decide("Ann smokes.", "Ann doesn't smoke.", 0.96)).isEqualTo(Action.ADD);
    assertThat(decide("Ann doesn't eat meat.", "Ann eats meat.", 0.96)).isEqualTo(Action.ADD);
  }

  @Test
  void should_name_what_differs_when_it_adds_a_near_duplicate() {
    Memory m = known("a", MemoryKind.FACT, "The user visited village3.", Optional.empty());
    Verdict v = consolidator.decide(
        candidate(MemoryKind.FACT, "The user visited village4.", T1, Optional.empty()),
        List.of(new Similar(m, 0.98)));
    assertThat(v.reason()).contains("village4 for village3");
  }

  @Test
  void should_noop_when_a_restatement_adds_only_words_of_restating() {
    assertThat(decide("The user has asthma.", "The user has asthma, as the user told you.", 0.86))
        .isEqualTo(Action.NOOP);
    assertThat(decide("The user is vegetarian.", "The user is vegetarian, like the user said.", 0.9))
        .isEqualTo(Action.NOOP);
  }

  @Test
  void should_noop_when_the_candidate_says_part_of_what_is_known() {
    assertThat(decide("The user visited village3 and village4.", "The user visited village3.", 0.93))
        .isEqualTo(Action.NOOP);
  }

  @Test
  void should_noop_on_the_same_words_but_add_on_more_when_the_vectors_are_far_apart() {
    assertThat(decide("The user has asthma.", "The user has asthma.", 0.5)).isEqualTo(Action.NOOP);
    assertThat(decide("The user has asthma.", "The user has asthma too.", 0.5)).isEqualTo(Action.ADD);
  }

  @Test
  void should_never_supersede_when_close_memories_set_no_slot() {
    assertThat(decide("Ann lives in Paris.", "Ann lives in Berlin.", 0.97)).isEqualTo(Action.ADD);
    assertThat(decide("Ann smokes.", "Ann doesn't smoke anymore.", 0.99)).isNotEqualTo(Action.SUPERSEDE);
  }

  @Test
  void should_supersede_when_a_negated_verb_meets_the_same_verb_with_an_object() {
    Memory smokes = known("s", MemoryKind.FACT, "Ann smokes ten cigarettes a day.",
        slot("ann|smoke cigarettes=ten"));
    Verdict v = consolidator.decide(candidate(MemoryKind.FACT, "Ann doesn't smoke anymore.", T1,
        slot("ann|smoke=-")), List.of(new Similar(smokes, 0.8)));
    assertThat(v.action()).isEqualTo(Action.SUPERSEDE);
    assertThat(v.targetId()).contains("s");
  }

  @Test
  void should_add_when_the_same_verb_has_other_objects_and_no_negation() {
    Memory cello = known("c", MemoryKind.FACT, "Ann plays cello.", slot("ann|play cello=+"));
    Verdict v = consolidator.decide(candidate(MemoryKind.FACT, "Ann plays violin.", T1,
        slot("ann|play violin=+")), List.of(new Similar(cello, 0.93)));
    assertThat(v.action()).isEqualTo(Action.ADD);
  }

  @Test
  void should_update_when_the_same_slot_value_comes_with_more_detail() {
    Memory vegan = known("v", MemoryKind.FACT, "Ann is vegan.", slot("ann|is vegan=+"));
    Verdict v = consolidator.decide(candidate(MemoryKind.FACT, "Ann is vegan since 2019.", T1,
        slot("ann|is vegan=+")), List.of(new Similar(vegan, 0.9)));
    assertThat(v.action()).isEqualTo(Action.UPDATE);
  }

  @Test
  void should_supersede_when_quitting_names_the_habit_in_another_form() {
    Memory smokes = known("s", MemoryKind.FACT, "Ann smokes.", slot("ann|smoke=+"));
    Verdict v = consolidator.decide(candidate(MemoryKind.FACT, "Ann quit smoking.", T1,
        slot("ann|smoking=-")), List.of(new Similar(smokes, 0.8)));
    assertThat(v.action()).isEqualTo(Action.SUPERSEDE);
    assertThat(RuleConsolidator.stems("running smokes rides")).isEqualTo(RuleConsolidator.stems("run smoke riding"));
  }

  @Test
  void should_supersede_when_a_later_statement_says_a_change_that_happened_before_the_known_one() {
    Memory leeds = new Memory("l", Scope.ofUser("u"), MemoryKind.FACT, "Ann lives in Leeds", 0.6, T1, T1,
        T1, Optional.empty(), List.of("m0"), slot("ann|residence=leeds"), 1);
    Verdict v = consolidator.decide(
        candidate(MemoryKind.FACT, "Ann moved to Manchester last weekend", T0, slot("ann|residence=manchester")),
        List.of(new Similar(leeds, 0.6)));
    assertThat(v.action()).isEqualTo(Action.SUPERSEDE);
  }
}
