package dev.engram.eval.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JudgeTest {

  @Test
  void should_read_the_label_when_the_reply_is_a_json_object_with_one() {
    assertThat(Judge.parse("{\"reason\":\"same date\",\"label\":\"CORRECT\"}")).contains(Judge.Label.CORRECT);
    assertThat(Judge.parse(" {\"label\":\"wrong\"} ")).contains(Judge.Label.WRONG);
  }

  @Test
  void should_give_no_label_when_the_reply_is_not_strictly_a_label() {
    assertThat(Judge.parse("CORRECT")).isEmpty();
    assertThat(Judge.parse("{\"label\":\"CORRECT, mostly\"}")).isEmpty();
    assertThat(Judge.parse("{\"label\":true}")).isEmpty();
    assertThat(Judge.parse("{\"verdict\":\"CORRECT\"}")).isEmpty();
    assertThat(Judge.parse("{\"label\":\"WRONG\"} {\"label\":\"CORRECT\"}")).isEmpty();
  }
}
