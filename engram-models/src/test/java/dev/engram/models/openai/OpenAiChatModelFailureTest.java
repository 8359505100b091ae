package dev.engram.models.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.ModelException;
import dev.engram.chat.ChatModelConfig;
import dev.engram.chat.ChatRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a chat endpoint can fail, each turned into a ModelException that says what to do. */
class OpenAiChatModelFailureTest {

  private static final ChatRequest HI = ChatRequest.ofUser("hi");

  private final ScriptedChatServer server = ScriptedChatServer.start();
  private final OpenAiChatModel model = new OpenAiChatModel(config(Duration.ofSeconds(5)));

  private ChatModelConfig config(Duration timeout) {
    return ChatModelConfig.of(server.baseUrl().toString(), "llama3.2")
        .withTimeout(timeout)
        .withMaxRetries(2);
  }

  @AfterEach
  void close() {
    model.close();
    server.close();
  }

  @Test
  void should_fail_at_once_with_key_advice_when_server_answers_401() {
    server.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}").reply("never");

    assertFails(() -> model.chat(HI), "ENGRAM-602")
        .hasMessageContaining("Incorrect API key provided")
        .hasMessageContaining("set ENGRAM_LLM_API_KEY");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void should_name_model_and_url_when_server_answers_404() {
    server.status(404, "{\"error\":\"model 'llama3.2' not found, try pulling it first\"}");

    assertFails(() -> model.chat(HI), "ENGRAM-603")
        .hasMessageContaining("model llama3.2 not found at " + server.baseUrl())
        .hasMessageContaining("try pulling it first")
        .hasMessageContaining("set ENGRAM_LLM_MODEL");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void should_not_retry_and_show_server_reason_when_server_answers_400() {
    server.status(400, "{\"error\":{\"message\":\"context length exceeded\"}}");

    assertFails(() -> model.chat(HI), "ENGRAM-608").hasMessageContaining("context length exceeded");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void should_give_up_after_max_retries_when_server_keeps_failing() {
    server.status(500, "a").status(502, "b").status(503, "overloaded").reply("too late");

    assertFails(() -> model.chat(HI), "ENGRAM-605")
        .hasMessageContaining("HTTP 503 (overloaded)")
        .hasMessageContaining("gave up after 3 attempts");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void should_fail_with_timeout_advice_when_server_answers_too_late() {
    server.replyAfter(Duration.ofSeconds(3), "slow");

    try (var impatient = new OpenAiChatModel(config(Duration.ofMillis(300)))) {
      assertFails(() -> impatient.chat(HI), "ENGRAM-604")
          .hasMessageContaining("ENGRAM_LLM_TIMEOUT_SECONDS");
    }
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void should_fail_with_timeout_when_stream_stalls_between_tokens() {
    server.replySlowly(Duration.ofSeconds(3), "first", " second");
    List<String> tokens = new ArrayList<>();

    try (var impatient = new OpenAiChatModel(config(Duration.ofMillis(300)))) {
      assertFails(() -> impatient.stream(HI, tokens::add), "ENGRAM-604");
    }
    assertThat(tokens).containsExactly("first");
  }

  @Test
  void should_keep_partial_text_and_not_retry_when_stream_ends_without_done() {
    server.truncated("Half", " an", " answer").reply("never");
    List<String> tokens = new ArrayList<>();

    assertFails(() -> model.stream(HI, tokens::add), "ENGRAM-607")
        .hasMessageEndingWith("Partial text: Half an answer");
    assertThat(tokens).containsExactly("Half", " an", " answer");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void should_retry_when_stream_ends_before_any_token() {
    server.truncated().replyTokens("ok");

    assertThat(model.stream(HI, t -> {}).text()).isEqualTo("ok");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void should_fail_with_endpoint_advice_when_reply_is_not_json() {
    server.malformed("<html>Welcome to nginx</html>");

    assertFails(() -> model.chat(HI), "ENGRAM-606")
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("Welcome to nginx")
        .hasMessageContaining("ENGRAM_LLM_BASE_URL");
  }

  @Test
  void should_fail_as_malformed_when_json_has_no_choices() {
    server.malformed("{\"object\":\"list\",\"data\":[]}");

    assertFails(() -> model.chat(HI), "ENGRAM-606").hasMessageContaining("no choices[0]");
  }

  @Test
  void should_fail_as_malformed_when_a_stream_chunk_is_not_json() {
    server.malformed("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {oops\n\n");

    assertFails(() -> model.stream(HI, t -> {}), "ENGRAM-606").hasMessageContaining("{oops");
  }

  @Test
  void should_fail_as_malformed_when_a_stream_reply_is_neither_events_nor_json() {
    server.malformed("<html>502 Bad Gateway</html>");

    assertFails(() -> model.stream(HI, t -> {}), "ENGRAM-606")
        .hasMessageContaining("neither server-sent events nor JSON")
        .hasMessageContaining("502 Bad Gateway");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void should_say_start_the_server_when_nothing_listens_on_the_port() throws IOException {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/v1";
    try (var client = new OpenAiChatModel(ChatModelConfig.of(url, "m").withMaxRetries(1))) {
      assertFails(() -> client.chat(HI), "ENGRAM-601")
          .hasMessageContaining("is the server running at " + url)
          .hasMessageContaining("set ENGRAM_LLM_BASE_URL")
          .hasMessageContaining("gave up after 2 attempts");
    }
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      ThrowingCallable call, String code) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
