package dev.engram.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default router with the real in-process embedder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterIT {
  private Engram engram;
  private Router router;

  @BeforeAll
  void open(@TempDir Path dir) {
    engram = Engram.open(dir.resolve("data"));
    router = new Router(engram.embedder());
  }

  @AfterAll
  void close() {
    engram.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "How do I factory reset the hub?|KNOWLEDGE",
      "Which ports does the local API use?|KNOWLEDGE",
      "What changed in version 2.4?|KNOWLEDGE",
      "Where do I live now?|MEMORY",
      "What did I tell you about my sister last time?|MEMORY",
      "Remember what my favourite colour is?|MEMORY",
      "Will my hub work with my router's Wi-Fi?|BOTH",
      "How long is the warranty where I live?|BOTH",
  })
  void should_route_by_cues_and_examples_when_questions_are_factual_personal_or_mixed(String q, Route expected) {
    RouteDecision d = router.route(q);

    assertThat(d.route()).as(d.reason()).isEqualTo(expected);
    assertThat(d.reason()).contains("closest examples: memory");
  }
}
