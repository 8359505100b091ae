package dev.engram.server.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatCallTest {
  private static final byte[] SYSTEM = "{\"role\":\"system\",\"content\":\"ctx\"}".getBytes(StandardCharsets.UTF_8);

  private static ChatCall parse(String body) {
    return ChatCall.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String upstream(ChatCall call, Optional<String> model) {
    return new String(call.forUpstream(Optional.of(SYSTEM), model), StandardCharsets.UTF_8);
  }

  @Test
  void should_splice_the_message_after_leading_system_messages_and_keep_every_other_byte_when_forwarding() {
    String body = "{ \"temperature\" : 1.50, \"top_p\": 1e-5, \"x\": {\"k\": [1, 2.0]},\n \"messages\": ["
        + "{\"role\": \"system\", \"content\": \"be brief \\u00e9\"}, {\"role\":\"developer\",\"content\":\"d\"},"
        + "  {\"role\": \"user\", \"content\": \"hi\"}], \"model\": \"gpt-x\" }";
    ChatCall call = parse(body);
    assertThat(call.insertAt()).isEqualTo(2);
    String sent = upstream(call, Optional.empty());
    int at = body.indexOf("{\"role\": \"user\"");
    assertThat(sent).isEqualTo(body.substring(0, at) + new String(SYSTEM, StandardCharsets.UTF_8) + "," + body.substring(at));
  }

  @Test
  void should_replace_or_add_the_model_when_the_server_sets_it() {
    String body = "{\"model\": \"gpt-\\\"x\\\"\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
    String sent = upstream(parse(body), Optional.of("llama3"));
    assertThat(sent).isEqualTo("{\"model\": \"llama3\", \"messages\": [" + new String(SYSTEM, StandardCharsets.UTF_8)
        + ",{\"role\": \"user\", \"content\": \"hi\"}]}");
    String none = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
    assertThat(new String(parse(none).forUpstream(Optional.empty(), Optional.of("llama3")), StandardCharsets.UTF_8))
        .isEqualTo("{\"model\":\"llama3\",\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
  }

  @Test
  void should_read_the_last_user_message_text_parts_and_the_reply_limit() {
    ChatCall call = parse("{\"max_tokens\": 300, \"user\": \"ann\", \"messages\": [{\"role\": \"user\", \"content\": "
        + "[{\"type\": \"text\", \"text\": \"look\"}, {\"type\": \"image_url\", \"image_url\": {\"url\": \"x\"}},"
        + " {\"type\": \"text\", \"text\": \"here\"}]}, {\"role\": \"assistant\", \"content\": null,"
        + " \"tool_calls\": [{\"id\": \"c\"}]}, {\"role\": \"tool\", \"content\": \"r\", \"tool_call_id\": \"c\"}]}");
    assertThat(call.lastUser()).hasValue(0);
    assertThat(call.text(0)).isEqualTo("look\nhere");
    assertThat(call.endsWithUser()).isFalse();
    assertThat(call.hasEarlierTurns()).isFalse();
    assertThat(call.replyLimit()).hasValue(300);
    assertThat(call.user()).contains("ann");
    assertThat(call.insertAt()).as("before the user message, never inside the tool pair").isZero();
  }

  @Test
  void should_refuse_bodies_that_are_not_chat_requests_naming_the_field() {
    assertThatThrownBy(() -> parse("[]")).isInstanceOf(ApiException.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> parse("{\"messages\": []}")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.field()).contains("messages"));
    assertThatThrownBy(() -> parse("{\"messages\": [\"hi\"]}")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.field()).contains("messages[0]"));
    assertThatThrownBy(() -> parse("{\"messages\": [{\"role\": \"user\"}], \"stream\": \"yes\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).contains("stream"));
    assertThatThrownBy(() -> parse("{\"messages\": [{\"role\": \"user\"}], \"max_tokens\": 0}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-960"));
    assertThatThrownBy(() -> parse("{\"messages\": [{\"role\": \"user\"}]} {}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-900"));
  }
}
