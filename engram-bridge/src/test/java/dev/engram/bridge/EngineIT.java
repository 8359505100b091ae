package dev.engram.bridge;

import static org.assertj.core.api.Assertions.assertThat;

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
