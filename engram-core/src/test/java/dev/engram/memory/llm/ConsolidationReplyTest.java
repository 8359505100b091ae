package dev.engram.memory.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.ModelException;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.common.Scope;
import dev.engram.memory.consolidate.Similar;
import dev.engram.memory.consolidate.Verdict;
import dev.engram.memory.extract.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsolidationReplyTest {
  private static final Instant T = Instant.parse("2023-05-08T13:56:00Z");
  private final Candidate candidate = new Candidate(MemoryKind.FACT, "Caroline lives in Berlin",
      0.7, T, T, List.of("m9"), Optional.empty());
  private final List<Similar> similar = List.of(
      new Similar(memory("mem-paris", "Caroline lives in Paris"), 0.8),
      new Similar(memory("mem-tea", "Caroline likes tea"), 0.3));

  private static Memory memory(String id, String text) {
    return new Memory(id, Scope.ofUser("u"), MemoryKind.FACT, text, 0.5, T, T, T, Optional.empty(),
        List.of("m1"), Optional.empty(), 1);
  }

  private Verdict parse(String reply) {
    return ConsolidationReply.verdict(reply, candidate, similar);
  }

  @Test
  void should_name_the_shown_memory_when_the_model_supersedes_it() {
    Verdict v = parse("{\"action\":\"SUPERSEDE\",\"target\":1,\"text\":null,\"reason\":\"moved\"}");
    assertThat(v.action()).isEqualTo(Action.SUPERSEDE);
    assertThat(v.targetId()).contains("mem-paris");
    assertThat(v.text()).isEqualTo("Caroline lives in Berlin");
    assertThat(v.reason()).isEqualTo("model: moved");
  }

  @Test
  void should_keep_the_known_text_on_noop_and_the_merged_text_on_update() {
    assertThat(parse("{\"action\":\"noop\",\"target\":\"2\",\"reason\":\"known\"}").text())
        .isEqualTo("Caroline likes tea");
    Verdict update = parse(
        "{\"action\":\"UPDATE\",\"target\":1,\"text\":\"Caroline lives in Paris, near the Seine\",\"reason\":\"more\"}");
    assertThat(update.targetId()).contains("mem-paris");
    assertThat(update.text()).isEqualTo("Caroline lives in Paris, near the Seine");
  }

  @Test
  void should_add_the_candidate_text_when_the_model_says_add_without_target() {
    Verdict v = parse("{\"action\":\"ADD\",\"target\":null,\"text\":null,\"reason\":\"new\"}");
    assertThat(v.action()).isEqualTo(Action.ADD);
    assertThat(v.targetId()).isEmpty();
    assertThat(v.text()).isEqualTo("Caroline lives in Berlin");
  }

  @Test
  void should_reject_the_reply_when_the_target_is_not_shown_or_the_action_is_unknown() {
    for (String bad : List.of(
        "{\"action\":\"SUPERSEDE\",\"target\":3,\"reason\":\"x\"}",
        "{\"action\":\"SUPERSEDE\",\"target\":0,\"reason\":\"x\"}",
        "{\"action\":\"UPDATE\",\"target\":\"mem-paris\",\"reason\":\"x\"}",
        "{\"action\":\"NOOP\",\"target\":null,\"reason\":\"x\"}",
        "{\"action\":\"ADD\",\"target\":1,\"reason\":\"x\"}",
        "{\"action\":\"DELETE\",\"target\":1,\"reason\":\"x\"}",
        "{\"action\":\"NOOP\",\"target\":1}",
        "NOOP")) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(ModelException.class)
          .hasMessageContaining("reply is invalid");
    }
  }
}
