package dev.engram.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.context.Citation;
import dev.engram.context.Context;
import dev.engram.context.Route;
import dev.engram.context.RouteDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerNumbersTest {
  private static final Context CONTEXT = new Context("q", new RouteDecision(Route.BOTH, "r"), List.of(),
      List.of(doc(1), doc(2), doc(3), doc(4), doc(5), doc(6), doc(7), doc(8)), List.of(), 2_000);

  private static Citation doc(int n) {
    return new Citation(n, Citation.Kind.DOCUMENT, "doc-" + n, "T" + n, "text", 0, 4, List.of());
  }

  @Test
  void should_number_the_shown_sources_from_one_in_order_of_first_use_when_the_context_numbers_differ() {
    AnswerNumbers numbers = new AnswerNumbers(CONTEXT);

    String text = numbers.rewrite("Yes [7]. Also [3, 7][8] and [7] again.");

    assertThat(text).isEqualTo("Yes [1]. Also [2, 1][3] and [1] again.");
    assertThat(numbers.citations()).extracting(Citation::number).containsExactly(1, 2, 3);
    assertThat(numbers.citations()).extracting(Citation::id).containsExactly("doc-7", "doc-3", "doc-8");
    assertThat(numbers.citations()).extracting(Citation::title).containsExactly("T7", "T3", "T8");
  }

  @Test
  void should_drop_a_mark_with_its_spaces_when_it_names_no_citation_of_the_context() {
    AnswerNumbers numbers = new AnswerNumbers(CONTEXT);

    assertThat(numbers.rewrite("Berlin [99]. Paris [4, 99] [x] [0].")).isEqualTo("Berlin. Paris [1] [x].");
    assertThat(numbers.citations()).extracting(Citation::id).containsExactly("doc-4");
  }

  @Test
  void should_stream_the_same_text_as_the_whole_when_marks_are_split_over_tokens() {
    String answer = "Hold it [6]. You live in Berlin [2][99].\nIt is  [5, 6] fine [12] [3]\n";
    String whole = new AnswerNumbers(CONTEXT).rewrite(answer);
    Random random = new Random(15);
    for (int run = 0; run < 200; run++) {
      List<String> received = new ArrayList<>();
      StreamedNumbers streamed = new StreamedNumbers(CONTEXT, received::add);
      int at = 0;
      while (at < answer.length()) {
        int end = Math.min(answer.length(), at + 1 + random.nextInt(4));
        streamed.accept(answer.substring(at, end));
        at = end;
      }
      streamed.finish();

      assertThat(String.join("", received)).isEqualTo(whole);
    }
    assertThat(whole).isEqualTo("Hold it [1]. You live in Berlin [2].\nIt is  [3, 1] fine [4]\n");
  }
}
