package dev.engram.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseTapTest {
  private static SseTap byteByByte(String stream) {
    SseTap tap = new SseTap();
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      tap.feed(bytes, i, 1); // the worst split: every event and every UTF-8 character cut apart
    }
    return tap;
  }

  @Test
  void should_collect_content_across_any_split_and_end_on_done_after_a_usage_chunk() {
    SseTap tap = byteByByte("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\u00e9t\u00e9 \"}}]}\r\n\r\n"
        + ": keep-alive comment\n\n"
        + "data:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\u2603\"},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3}}\n\n");
    assertThat(tap.complete()).as("a finish reason came").isTrue();
    tap.feed("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8), 0, 14);
    assertThat(tap.reply().text()).isEqualTo("\u00e9t\u00e9 \u2603");
    assertThat(tap.reply().finishReason()).contains("stop");
  }

  @Test
  void should_assemble_tool_calls_from_their_pieces() {
    SseTap tap = byteByByte("data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"ci\"}}]}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Paris\\\"}\"}}]}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n");
    AssistantReply reply = tap.reply();
    assertThat(reply.onlyToolCalls()).isTrue();
    assertThat(reply.toolCalls()).containsExactly(new AssistantReply.ToolCall("get_weather", "{\"city\":\"Paris\"}"));
    assertThat(reply.describeToolCalls()).isEqualTo("called get_weather({\"city\":\"Paris\"})");
  }

  @Test
  void should_not_be_complete_when_the_stream_stops_early_or_carries_an_error() {
    assertThat(byteByByte("data: {\"choices\":[{\"delta\":{\"content\":\"half\"}}]}\n\n").complete()).isFalse();
    SseTap failed = byteByByte("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
        + "data: {\"error\":{\"message\":\"overloaded\"}}\n\ndata: [DONE]\n\n");
    assertThat(failed.complete()).isFalse();
    assertThat(failed.error()).contains("overloaded");
  }
}
