package dev.engram.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.chat.ChatMessage.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

  @Test
  void should_use_defaults_when_built_from_system_and_user() {
    ChatRequest request = ChatRequest.of("be brief", "hi");

    assertThat(request.messages())
        .extracting(ChatMessage::role)
        .containsExactly(Role.SYSTEM, Role.USER);
    assertThat(request.temperature()).isEqualTo(ChatRequest.DEFAULT_TEMPERATURE);
    assertThat(request.maxTokens()).isEqualTo(ChatRequest.DEFAULT_MAX_TOKENS);
    assertThat(request.jsonMode()).isFalse();
    assertThat(request.withJsonMode().jsonMode()).isTrue();
  }

  @Test
  void should_copy_messages_when_caller_changes_its_list() {
    List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("a")));
    ChatRequest request = ChatRequest.of(messages);
    messages.add(ChatMessage.user("b"));

    assertThat(request.messages()).hasSize(1);
  }

  @Test
  void should_reject_when_messages_are_empty_or_limits_are_out_of_range() {
    assertThatThrownBy(() -> ChatRequest.of(List.of()))
        .hasMessageContaining("messages must not be empty");
    assertThatThrownBy(() -> ChatRequest.ofUser("x").withTemperature(3))
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> ChatRequest.ofUser("x").withMaxTokens(0))
        .hasMessageContaining("maxTokens must be >= 1, got: 0");
  }

  @Test
  void should_say_truncated_when_finish_reason_is_length() {
    assertThat(new ChatResponse("a", 1, 1, "length", 3).truncatedByLimit()).isTrue();
    assertThat(new ChatResponse("a", 1, 1, "stop", 3).truncatedByLimit()).isFalse();
  }
}
