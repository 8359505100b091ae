package dev.engram.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.context.Citation;
import dev.engram.context.Context;
import dev.engram.context.Route;
import dev.engram.context.RouteDecision;
import dev.engram.embed.FakeEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnswerTest {
  private final ExtractiveAnswer extractive = new ExtractiveAnswer(new FakeEmbedder(1024));

  private static Citation cite(int n, Citation.Kind kind, String title, String text) {
    return new Citation(n, kind, "id-" + n, title, text, 0, text.length(), List.of("msg-" + n));
  }

  private String answer(Citation... citations) {
    return extractive.answer(new Context("Where does Ann live?", new RouteDecision(Route.MEMORY, "test"),
        List.of(), List.of(citations), List.of(), 2_000));
  }

  @Test
  void should_weigh_verbatim_messages_below_memories_by_kind_whatever_the_title() {
    // the titles say the opposite of the kinds: only the kind may count
    Citation message = cite(1, Citation.Kind.MESSAGE, "fact, 2024-01-01", "Ann lives in Oslo near the sea.");
    Citation memory = cite(2, Citation.Kind.MEMORY, "episode, 2024-01-01", "Ann lives in Oslo near the port.");

    assertThat(answer(message, memory)).isEqualTo("Ann lives in Oslo near the port. [2]");
  }

  @Test
  void should_cite_both_sentences_when_two_memories_match_equally() {
    // the control of the test above: without the weight, both sentences are picked
    Citation first = cite(1, Citation.Kind.MEMORY, "fact, 2024-01-01", "Ann lives in Oslo near the sea.");
    Citation second = cite(2, Citation.Kind.MEMORY, "fact, 2024-01-01", "Ann lives in Oslo near the port.");

    assertThat(answer(first, second))
        .isEqualTo("Ann lives in Oslo near the sea. [1] Ann lives in Oslo near the port. [2]");
  }
}
