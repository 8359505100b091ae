package dev.engram.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.common.Scope;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.Index;
import dev.engram.index.InMemoryIndex;
import dev.engram.index.WriteBatch;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.store.EpisodeLog;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Windows on a real episode log (the in-memory index): which side a window slides to. */
class WindowsTest {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
  private final FakeEmbedder fake = new FakeEmbedder(8);
  private final Index index = InMemoryIndex.create(fake.space());
  private final EpisodeLog log = new EpisodeLog(index, ZoneOffset.UTC);
  private final Scope session = Scope.ofUser("mel").withSession("s1");
  private final RecallQuery query = RecallQuery.of(session.withoutSession(), "What does Mel do with her family?");
  private final Windows windows = new Windows(log, 1);
  private final List<Episode> turns = new ArrayList<>();

  @BeforeEach
  void remember() {
    String[] texts = {"Hi Caroline!", "We went camping last weekend.", "How was it?",
        "We roasted marshmallows around the fire.", "Sounds lovely.", "It was."};
    for (int i = 0; i < texts.length; i++) {
      turns.add(new Episode("m" + i, session, "user", i % 2 == 1 || i == 5 ? "Mel" : "Caroline",
          texts[i], T.plusSeconds(60L * i), T, i));
    }
    WriteBatch.Builder write = WriteBatch.builder();
    log.stage(write, turns, fake.embedDocuments(turns.stream().map(Episode::text).toList()));
    index.write(write.build());
  }

  private List<String> around(int centre, Set<String> covered, Map<String, Double> scores) {
    return windows.around(turns.get(centre), query, covered, scores).stream().map(Episode::id).toList();
  }

  @Test
  void should_centre_the_window_when_no_neighbour_was_found_by_the_searches() {
    assertThat(around(1, Set.of(), Map.of("m1", 1.0))).containsExactly("m0", "m1", "m2");
  }

  @Test
  void should_slide_towards_the_neighbour_that_matches_the_query_when_it_is_two_turns_away() {
    assertThat(around(1, Set.of(), Map.of("m1", 1.0, "m3", 0.6, "m0", 0.1)))
        .containsExactly("m1", "m2", "m3");
    assertThat(around(3, Set.of(), Map.of("m3", 1.0, "m1", 0.6, "m5", 0.1)))
        .containsExactly("m1", "m2", "m3");
  }

  @Test
  void should_not_slide_towards_a_matching_neighbour_when_it_is_shown_already() {
    assertThat(around(1, Set.of("m3"), Map.of("m1", 1.0, "m3", 0.6, "m0", 0.1)))
        .containsExactly("m0", "m1", "m2");
  }

  @Test
  void should_slide_away_from_shown_messages_when_no_neighbour_matches() {
    assertThat(around(2, Set.of("m0", "m1"), Collections.emptyMap()))
        .containsExactly("m2", "m3", "m4");
  }
}
