package dev.engram.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.engram.common.Scope;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.recall.RecallScorer.Search;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecallScorerTest {
  private static final Scope SESSION = Scope.ofUser("u").withSession("s1");
  private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
  /** Neither recency nor importance: the score is the relevance. */
  private static final RecallWeights FLAT = RecallWeights.builder().recency(0).importance(0).build();

  private static RecallQuery query(String text) {
    return RecallQuery.of(SESSION, text);
  }

  private static Episode message(String id, String speaker, Instant when) {
    return new Episode(id, SESSION, "user", speaker, "text of " + id, when, when, 0);
  }

  private static Memory memory(String id, double importance, Optional<Instant> validTo,
      String... provenance) {
    return new Memory(id, SESSION, MemoryKind.FACT, "memory " + id, importance, NOW, NOW,
        NOW.minus(Duration.ofDays(30)), validTo, List.of(provenance), Optional.empty(), 1);
  }

  private static List<String> keys(List<Scored> scored) {
    return scored.stream().map(s -> s.unit().key()).toList();
  }

  @Test
  void should_sum_reciprocal_ranks_of_both_searches_when_a_unit_is_found_twice() {
    RecallScorer scorer = new RecallScorer(FLAT.toBuilder().support(0).build(), query("hiking"));
    EpisodeUnit a = new EpisodeUnit(message("a", "Ann", NOW));
    EpisodeUnit b = new EpisodeUnit(message("b", "Ann", NOW));
    scorer.add(a, 0, Search.TEXT);
    scorer.add(b, 1, Search.TEXT);
    scorer.add(b, 0, Search.VECTOR);

    List<Scored> scored = scorer.scored(NOW);

    assertThat(keys(scored)).containsExactly("e:b", "e:a");
    assertThat(scored.getFirst().scores().text()).isEqualTo(1 / 10.0);
    assertThat(scored.getFirst().scores().dense()).isEqualTo(1 / 9.0);
    assertThat(scored.getFirst().scores().relevance()).isEqualTo(1.0);
    assertThat(scored.get(1).scores().relevance())
        .isCloseTo((1 / 9.0) / (1 / 10.0 + 1 / 9.0), within(1e-12));
  }

  @Test
  void should_weigh_memory_hits_less_than_messages_when_both_have_the_same_rank() {
    RecallScorer scorer = new RecallScorer(FLAT.toBuilder().support(0).build(), query("hiking"));
    scorer.add(new MemoryUnit(memory("m", 0.5, Optional.empty())), 0, Search.TEXT);
    scorer.add(new EpisodeUnit(message("e", "Ann", NOW)), 0, Search.TEXT);

    List<Scored> scored = scorer.scored(NOW);

    assertThat(keys(scored)).containsExactly("e:e", "m:m");
    assertThat(scored.get(1).scores().text()).isEqualTo(RecallWeights.defaults().memory() / 9.0);
  }

  @Test
  void should_lend_relevance_both_ways_when_a_memory_and_its_message_are_found() {
    RecallScorer scorer = new RecallScorer(FLAT, query("hiking"));
    scorer.add(new MemoryUnit(memory("m", 0.5, Optional.empty(), "e")), 0, Search.TEXT);
    scorer.add(new EpisodeUnit(message("e", "Ann", NOW)), 0, Search.VECTOR);
    scorer.add(new EpisodeUnit(message("other", "Ann", NOW)), 1, Search.TEXT);

    List<Scored> scored = scorer.scored(NOW);

    // e: 1/9 of its own + 0.5 x (0.5/9) from the memory; the memory: 0.5/9 + 0.5 x 1/9
    assertThat(keys(scored)).containsExactly("e:e", "m:m", "e:other");
    double e = 1 / 9.0 + 0.5 * (0.5 / 9.0);
    assertThat(scored.get(1).scores().relevance()).isCloseTo((0.5 / 9 + 0.5 / 9) / e, within(1e-12));
  }

  @Test
  void should_demote_the_message_when_its_memory_was_superseded() {
    RecallScorer scorer = new RecallScorer(FLAT, query("where does Ann live"));
    scorer.add(new MemoryUnit(memory("paris", 0.5, Optional.of(NOW.minusSeconds(60)), "e1")), 5,
        Search.TEXT);
    scorer.add(new EpisodeUnit(message("e1", "Bob", NOW)), 0, Search.TEXT);
    scorer.add(new EpisodeUnit(message("e2", "Bob", NOW)), 1, Search.TEXT);

    List<Scored> scored = scorer.scored(NOW);

    assertThat(keys(scored)).containsExactly("e:e2", "e:e1", "m:paris");
    Scored outdated = scored.get(1);
    assertThat(outdated.scores().score())
        .isEqualTo(outdated.scores().relevance() * RecallScorer.OUTDATED);
  }

  @Test
  void should_raise_a_message_when_the_query_names_its_speaker() {
    RecallScorer scorer = new RecallScorer(FLAT, query("What did Caroline's sister paint?"));
    scorer.add(new EpisodeUnit(message("ann", "Ann", NOW)), 0, Search.TEXT);
    scorer.add(new EpisodeUnit(message("caroline", "Caroline", NOW)), 1, Search.TEXT);

    List<Scored> scored = scorer.scored(NOW);

    assertThat(keys(scored)).containsExactly("e:caroline", "e:ann");
    assertThat(scored.getFirst().scores().relevance())
        .isCloseTo(RecallScorer.SPEAKER * (1 / 10.0) / (1 / 9.0), within(1e-12));
  }

  @Test
  void should_halve_recency_when_the_unit_is_one_half_life_old() {
    RecallWeights w = RecallWeights.builder().recency(1).importance(0).halfLifeDays(10).build();
    RecallScorer scorer = new RecallScorer(w, query("hiking"));
    scorer.add(new EpisodeUnit(message("old", "Ann", NOW.minus(Duration.ofDays(10)))), 0, Search.TEXT);
    scorer.add(new EpisodeUnit(message("new", "Ann", NOW)), 1, Search.TEXT);

    List<Scored> scored = scorer.scored(NOW);

    assertThat(keys(scored)).containsExactly("e:new", "e:old");
    Scored old = scored.get(1);
    assertThat(old.scores().recency()).isEqualTo(0.5);
    assertThat(old.scores().score()).isEqualTo(0.5);
  }

  @Test
  void should_count_a_future_event_as_new_when_it_is_after_now() {
    RecallScorer scorer = new RecallScorer(FLAT, query("hiking"));
    scorer.add(new EpisodeUnit(message("plan", "Ann", NOW.plus(Duration.ofDays(3)))), 0, Search.TEXT);
    assertThat(scorer.scored(NOW).getFirst().scores().recency()).isEqualTo(1.0);
  }

  @Test
  void should_weigh_importance_when_its_weight_is_set() {
    RecallWeights w = RecallWeights.builder().recency(0).importance(1).support(0).build();
    RecallScorer scorer = new RecallScorer(w, query("hiking"));
    scorer.add(new MemoryUnit(memory("trivial", 0.2, Optional.empty())), 0, Search.TEXT);
    scorer.add(new MemoryUnit(memory("vital", 1.0, Optional.empty())), 1, Search.TEXT);

    List<Scored> scored = scorer.scored(NOW);

    assertThat(keys(scored)).containsExactly("m:vital", "m:trivial");
    assertThat(scored.get(1).scores().importance()).isEqualTo(0.2);
    assertThat(scored.get(1).scores().score()).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void should_give_a_message_the_middle_importance_when_scoring() {
    RecallScorer scorer = new RecallScorer(RecallWeights.defaults(), query("hiking"));
    scorer.add(new EpisodeUnit(message("e", "Ann", NOW)), 0, Search.TEXT);
    assertThat(scorer.scored(NOW).getFirst().scores().importance())
        .isEqualTo(EpisodeUnit.MESSAGE_IMPORTANCE);
  }

  @Test
  void should_score_nothing_when_no_search_found_anything() {
    assertThat(new RecallScorer(RecallWeights.defaults(), query("hiking")).scored(NOW)).isEmpty();
  }

  @Test
  void should_refuse_when_scored_twice() {
    RecallScorer scorer = new RecallScorer(RecallWeights.defaults(), query("hiking"));
    scorer.scored(NOW);
    assertThatThrownBy(() -> scorer.scored(NOW)).isInstanceOf(IllegalStateException.class);
  }
}
