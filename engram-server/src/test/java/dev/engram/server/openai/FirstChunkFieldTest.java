package dev.engram.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FirstChunkFieldTest {
  private static final ObjectNode VALUE = JsonNodeFactory.instance.objectNode().put("context", "injected: 1 citations");
  private static final String FIELD = ",\"engram\":{\"context\":\"injected: 1 citations\"}";

  private static String relay(String stream, int split) throws IOException {
    FirstChunkField field = new FirstChunkField("engram", VALUE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += split) {
      field.write(bytes, i, Math.min(split, bytes.length - i), out);
    }
    field.finish(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void should_add_the_field_to_the_first_chunk_only_and_pass_every_other_byte_whatever_the_split()
      throws IOException {
    String first = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\u00e9t\u00e9\"}}]}";
    String rest = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\r\n\r\n"
        + "data: [DONE]\n\n";
    String stream = ": keep-alive\n\nevent: message\n" + first + "\n\n" + rest;
    String expected = ": keep-alive\n\nevent: message\n" + first.substring(0, first.length() - 1) + FIELD + "}\n\n" + rest;
    for (int split : new int[] {1, 3, 7, 64, 8192}) {
      assertThat(relay(stream, split)).as("split %d", split).isEqualTo(expected);
    }
  }

  @Test
  void should_leave_an_error_event_alone_and_add_the_field_to_the_chunk_after_it() throws IOException {
    String stream = "data: {\"error\":{\"message\":\"busy\"}}\n\ndata: {\"choices\":[]}\n\n";
    assertThat(relay(stream, 5)).isEqualTo("data: {\"error\":{\"message\":\"busy\"}}\n\ndata: {\"choices\":[]" + FIELD + "}\n\n");
  }

  @Test
  void should_pass_a_stream_without_chunks_and_an_unfinished_last_line_unchanged() throws IOException {
    assertThat(relay("data: not json\n\ndata: [DONE]", 4)).isEqualTo("data: not json\n\ndata: [DONE]");
  }
}
