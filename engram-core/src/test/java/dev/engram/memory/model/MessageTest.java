package dev.engram.memory.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a message accepts as its role. */
class MessageTest {
  @Test
  void should_refuse_with_engram_312_when_the_role_is_unknown() {
    assertThatThrownBy(() -> new Message("robot", "R2", "beep", Optional.empty()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("robot").hasMessageContaining("user, assistant, system")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-312");
  }

  @Test
  void should_accept_the_role_when_it_is_user_assistant_or_system() {
    assertThat(Message.ROLES).allSatisfy(role ->
        assertThat(new Message(role, "Ann", "hello", Optional.empty()).role()).isEqualTo(role));
  }
}
