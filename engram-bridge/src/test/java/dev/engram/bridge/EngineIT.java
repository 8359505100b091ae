package dev.engram.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.EngramException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same calls give the same results over an embedded Engram and over a real server. */
class EngineIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void should_replace_filter_and_delete_documents_by_their_ids(String mode) throws Exception {
    try (TestEngines engines = TestEngines.start(mode, tmp)) {
      Knowledge k = engines.engine().knowledge();
      k.add("manuals", List.of(new Doc("reset", "Hold the reset button for five seconds.", "Reset", Map.of("tag", "hub")),
          new Doc("pair", "Pair the hub over Bluetooth.", "Pairing", Map.of("tag", "app"))));
      k.add("manuals", List.of(new Doc("reset", "Hold the reset button for ten seconds.", "Reset", Map.of("tag", "hub"))));

      List<Passage> hits = k.search(new Search("reset button seconds", 5, "hybrid", List.of("manuals"), Map.of()));
      assertThat(hits).extracting(Passage::documentId).containsExactlyInAnyOrder("reset", "pair");
      assertThat(hits).filteredOn(p -> p.documentId().equals("reset")).singleElement()
          .satisfies(p -> assertThat(p.text()).contains("ten seconds").doesNotContain("five"));
      assertThat(k.search(new Search("hub", 5, "hybrid", List.of("manuals"), Map.of("tag", "app"))))
          .extracting(Passage::documentId).containsExactly("pair");

      k.delete("manuals", List.of("reset", "not-there"));
      assertThat(k.search(new Search("reset button seconds", 5, "hybrid", List.of("manuals"), Map.of())))
          .extracting(Passage::documentId).containsExactly("pair");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void should_return_the_metadata_documents_were_added_with_and_delete_by_it(String mode) throws Exception {
    try (TestEngines engines = TestEngines.start(mode, tmp)) {
      Knowledge k = engines.engine().knowledge();
      k.add("faq", List.of(
          new Doc("en-1", "The warranty lasts two years.", "Warranty", Map.of("lang", "en", "year", "2024")),
          new Doc("en-2", "The warranty can be extended.", "Extension", Map.of("lang", "en", "year", "2025")),
          new Doc("de-1", "Die Garantie (warranty) dauert zwei Jahre.", "Garantie", Map.of("lang", "de"))));
      k.add("other", List.of(new Doc("en-1", "The warranty lasts two years.", "Warranty", Map.of("lang", "en"))));

      List<Passage> hits = k.search(new Search("warranty", 5, "hybrid", List.of("faq"), Map.of()));
      assertThat(hits).filteredOn(p -> p.documentId().equals("en-2")).singleElement()
          .satisfies(p -> assertThat(p.metadata()).isEqualTo(Map.of("lang", "en", "year", "2025")));

      assertThat(k.deleteMatching("faq", Map.of("lang", "en"))).containsExactlyInAnyOrder("en-1", "en-2");
      assertThat(k.search(new Search("warranty", 5, "hybrid", List.of("faq"), Map.of())))
          .extracting(Passage::documentId).containsExactly("de-1");
      assertThat(k.search(new Search("warranty", 5, "hybrid", List.of("other"), Map.of())))
          .extracting(Passage::documentId).containsExactly("en-1");
      assertThat(k.deleteMatching("faq", Map.of("lang", "fr"))).isEmpty();
      assertThatThrownBy(() -> k.deleteMatching("faq", Map.of()))
          .isInstanceOfSatisfying(EngramException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-952"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void should_read_back_a_sessions_turns_that_another_process_stored(String mode) throws Exception {
    try (TestEngines engines = TestEngines.start(mode, tmp)) {
      Conversation s = Conversation.of("bo", "s1");
      engines.engine().sessions().append(s, List.of(Turn.user("My dog is called Rex."), Turn.assistant("Hi Rex!")));
      engines.engine().sessions().append(s, List.of(Turn.user("He is three.")));

      Sessions elsewhere = engines.fresh().sessions();

      assertThat(elsewhere.recent(s, 2)).containsExactly(Turn.assistant("Hi Rex!"), Turn.user("He is three."));
      assertThat(elsewhere.recent(s, 10)).hasSize(3);
      assertThat(elsewhere.recent(Conversation.of("bo", "s2"), 10)).isEmpty();
      assertThat(elsewhere.recent(Conversation.of("bo"), 10)).isEmpty();
      elsewhere.forget(s);
      assertThat(engines.engine().sessions().recent(s, 10)).isEmpty();
      assertThat(engines.engine().memory().recall(Conversation.of("bo"), "dog Rex", 10)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void should_forget_the_session_and_its_memories_when_asked(String mode) throws Exception {
    try (TestEngines engines = TestEngines.start(mode, tmp)) {
      Conversation s1 = Conversation.of("ann", "s1");
      Conversation s2 = Conversation.of("ann", "s2");
      engines.engine().sessions().append(s1, List.of(Turn.user("I love hiking."), Turn.assistant("Nice.")));
      engines.engine().sessions().append(s2, List.of(Turn.user("I am allergic to peanuts.")));
      assertThat(engines.engine().sessions().recent(s1, 5))
          .containsExactly(Turn.user("I love hiking."), Turn.assistant("Nice."));

      engines.engine().sessions().forget(s1);

      assertThat(engines.engine().sessions().recent(s1, 5)).isEmpty();
      List<Recollection> left = engines.engine().memory().recall(Conversation.of("ann"), "hiking peanuts", 10);
      assertThat(left).extracting(Recollection::text).noneMatch(t -> t.contains("hiking"))
          .anyMatch(t -> t.contains("peanuts"));
    }
  }
}
