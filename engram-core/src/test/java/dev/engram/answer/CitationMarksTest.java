package dev.engram.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.context.Citation;
import dev.engram.context.Context;
import dev.engram.context.Route;
import dev.engram.context.RouteDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationMarksTest {
  private static Citation doc(int n) {
    return new Citation(n, Citation.Kind.DOCUMENT, "doc-" + n, "T", "text", 0, 4, List.of());
  }

  @Test
  void should_list_cited_numbers_in_first_use_order_when_marks_are_grouped_or_unknown() {
    Context c = new Context("q", new RouteDecision(Route.BOTH, "r"), List.of(),
        List.of(doc(1), doc(2), doc(3)), List.of(), 2_000);

    List<Citation> used = CitationMarks.used("Yes [3]. Also [1, 3][2] and [9] and [x].", c);

    assertThat(used).extracting(Citation::number).containsExactly(3, 1, 2);
  }

  @Test
  void should_leave_no_mark_and_no_doubled_space_when_an_answer_is_stripped() {
    assertThat(CitationMarks.strip("It lasts three years [1]. It covers repair [2][3] and more [1, 2].\nOk [12]"))
        .isEqualTo("It lasts three years. It covers repair and more.\nOk");
    assertThat(CitationMarks.strip("In the EU it is three years. [1] The hub [1] is covered. [2]"))
        .isEqualTo("In the EU it is three years. The hub is covered.");
    assertThat(CitationMarks.strip("[1]")).isEmpty();
    assertThat(CitationMarks.strip("Option [a] stays, and so does [1234].")).isEqualTo("Option [a] stays, and so does [1234].");
  }
}
