package dev.engram.models.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.chat.ChatMessage;
import dev.engram.chat.ChatModelConfig;
import dev.engram.chat.ChatRequest;
import dev.engram.chat.ChatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The happy paths of the OpenAI protocol, against a real HTTP server on loopback. */
class OpenAiChatModelTest {

  private final ScriptedChatServer server = ScriptedChatServer.start();
  private final OpenAiChatModel model = new OpenAiChatModel(config());

  private ChatModelConfig config() {
    return ChatModelConfig.of(server.baseUrl().toString(), "llama3.2")
        .withTimeout(Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    model.close();
    server.close();
  }

  @Test
  void should_return_text_usage_and_finish_reason_when_chatting() {
    server.reply("Paris is the capital of France.");

    ChatResponse response = model.chat(ChatRequest.of("Answer briefly.", "Capital of France?"));

    assertThat(response.text()).isEqualTo("Paris is the capital of France.");
    assertThat(response.finishReason()).isEqualTo("stop");
    assertThat(response.promptTokens()).isEqualTo(5); // words, in the scripted server
    assertThat(response.completionTokens()).isEqualTo(6);
  }

  @Test
  void should_count_the_time_the_server_took_when_measuring_latency() {
    server.replyAfter(Duration.ofMillis(300), "late");

    ChatResponse response = model.chat(ChatRequest.ofUser("hi"));

    // a lower bound only: the call cannot return before the server answers
    assertThat(response.latencyMillis()).isGreaterThanOrEqualTo(300);
  }

  @Test
  void should_send_model_messages_and_sampling_when_chatting() {
    server.reply("ok");
    var request =
        new ChatRequest(
            List.of(
                ChatMessage.system("sys"), ChatMessage.user("q1"), ChatMessage.assistant("a1"),
                ChatMessage.user("q2")),
            0.7, 99, false);

    model.chat(request);

    assertThat(server.requests()).singleElement().satisfies(received -> {
      assertThat(received.path()).isEqualTo("/v1/chat/completions");
      assertThat(received.authorization()).isEmpty();
    });
    JsonNode body = server.lastBody();
    assertThat(body.path("model").asText()).isEqualTo("llama3.2");
    assertThat(body.path("messages").findValuesAsText("role"))
        .containsExactly("system", "user", "assistant", "user");
    assertThat(body.path("messages").findValuesAsText("content"))
        .containsExactly("sys", "q1", "a1", "q2");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(99);
    assertThat(body.path("stream").asBoolean()).isFalse();
    assertThat(body.has("response_format")).isFalse();
  }

  @Test
  void should_ask_for_a_json_object_when_json_mode_is_on() {
    server.reply("{\"facts\": []}");

    ChatResponse response = model.chat(ChatRequest.ofUser("extract").withJsonMode());

    assertThat(server.lastBody().path("response_format").path("type").asText())
        .isEqualTo("json_object");
    assertThat(response.text()).isEqualTo("{\"facts\": []}");
  }

  @Test
  void should_send_bearer_token_when_api_key_is_set() {
    server.reply("ok");
    try (var withKey = new OpenAiChatModel(config().withApiKey("sk-test-123"))) {
      withKey.chat(ChatRequest.ofUser("hi"));
    }

    assertThat(server.requests().getFirst().authorization()).contains("Bearer sk-test-123");
  }

  @Test
  void should_deliver_tokens_in_order_and_the_full_text_when_streaming() {
    server.replyTokens("The", " answer", " is", " 42", ".");
    List<String> tokens = new ArrayList<>();

    ChatResponse response = model.stream(ChatRequest.ofUser("question?"), tokens::add);

    assertThat(tokens).containsExactly("The", " answer", " is", " 42", ".");
    assertThat(response.text()).isEqualTo("The answer is 42.");
    assertThat(response.finishReason()).isEqualTo("stop");
    assertThat(response.completionTokens()).isEqualTo(5);
    assertThat(server.lastBody().path("stream").asBoolean()).isTrue();
  }

  @Test
  void should_report_length_when_the_token_limit_cuts_the_answer() {
    server.replyCutAtLimit("It was the best of");

    ChatResponse response = model.stream(ChatRequest.ofUser("go").withMaxTokens(5), t -> {});

    assertThat(response.truncatedByLimit()).isTrue();
    assertThat(response.text()).isEqualTo("It was the best of");
  }

  @Test
  void should_retry_then_succeed_when_server_fails_with_500_then_answers() {
    server.status(500, "{\"error\":{\"message\":\"boom\"}}").status(503, "busy").reply("fine");

    ChatResponse response = model.chat(ChatRequest.ofUser("hi"));

    assertThat(response.text()).isEqualTo("fine");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void should_retry_then_stream_when_server_answers_429_first() {
    server.status(429, "{\"error\":{\"message\":\"rate limit\"}}").replyTokens("a", "b");
    List<String> tokens = new ArrayList<>();

    model.stream(ChatRequest.ofUser("hi"), tokens::add);

    assertThat(tokens).containsExactly("a", "b");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void should_deliver_the_whole_answer_as_one_token_when_server_ignores_stream() {
    server.malformed(
        "{\"choices\":[{\"message\":{\"content\":\"all at once\"},\"finish_reason\":\"stop\"}]}");
    List<String> tokens = new ArrayList<>();

    ChatResponse response = model.stream(ChatRequest.ofUser("hi"), tokens::add);

    assertThat(tokens).containsExactly("all at once");
    assertThat(response.finishReason()).isEqualTo("stop");
  }
}
