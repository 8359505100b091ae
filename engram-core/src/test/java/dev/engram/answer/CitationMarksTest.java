package dev.engram.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationMarksTest {
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
