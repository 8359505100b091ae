package dev.engram.server;

import static dev.engram.server.Proxied.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.models.Model;
import dev.engram.memory.model.Episode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI proxy without streaming, called by the official OpenAI Java SDK: what the upstream
 * received (the injected context, everything else as the client sent it), what the client
 * received, what was remembered; upstream errors and timeouts; tool calls; identity; models.
 */
class OpenAiProxyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A question the router sends to knowledge and memory both. */
  static final String BOTH = "I love hiking: how often does the fog horn sound where I live?";
  @TempDir Path tmp;
  private Proxied p;

  @BeforeEach
  void start() {
    p = new Proxied(tmp.resolve("data"), Duration.ofSeconds(1));
  }

  @AfterEach
  void stop() {
    p.close();
  }

  static ChatCompletionFunctionTool weatherTool() {
    return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
        .name("get_weather").description("The weather in a city")
        .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .build()).build()).build();
  }

  static ChatCompletionCreateParams.Builder question(String text) {
    return ChatCompletionCreateParams.builder().model("gpt-client-choice")
        .addSystemMessage("You are terse.")
        .addUserMessage(text)
        .addTool(weatherTool())
        .toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO)
        .temperature(0.25)
        .putAdditionalBodyProperty("x_unknown_option", JsonValue.from(Map.of("keep", List.of(1, 2.5, "me"))));
  }

  /** The body the upstream received, with message {@code i} taken out. */
  private static JsonNode without(JsonNode body, int i) {
    ObjectNode copy = body.deepCopy();
    ((ArrayNode) copy.get("messages")).remove(i);
    return copy;
  }

  @Test
  void should_inject_passage_and_memory_as_one_system_message_and_pass_everything_else_through_when_not_streaming()
      throws Exception {
    p.llm.reply("Twice every thirty seconds [1].").reply("Twice every thirty seconds [1].");
    ChatCompletionCreateParams params = question(BOTH).build();
    // The same request straight to the upstream: what a client without Engram sends.
    OpenAIClient direct = com.openai.client.okhttp.OpenAIOkHttpClient.builder()
        .baseUrl(p.llm.baseUrl().toString()).apiKey("x").maxRetries(0).build();
    direct.chat().completions().create(params);
    JsonNode sent = p.llm.lastBody();

    OpenAIClient client = p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "s1"));
    HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(params);
    ChatCompletion completion = raw.parse();

    JsonNode received = p.llm.lastBody();
    JsonNode injected = received.get("messages").get(1);
    assertThat(received.get("messages").get(0).get("content").asText()).isEqualTo("You are terse.");
    assertThat(injected.get("role").asText()).isEqualTo("system");
    assertThat(injected.get("content").asText()).contains(Proxied.PASSAGE).contains("Paris")
        .contains("[1]");
    assertThat(received.get("messages")).hasSize(sent.get("messages").size() + 1);
    assertThat(without(received, 1)).as("all but the injected message, as the client sent it").isEqualTo(sent);
    assertThat(received.get("tools")).isEqualTo(sent.get("tools")).hasSize(1);
    assertThat(received.get("model").asText()).isEqualTo("gpt-client-choice");
    assertThat(p.llm.requests().getLast().authorization()).contains("Bearer " + Proxied.UPSTREAM_KEY);

    assertThat(completion.choices().getFirst().message().content()).contains("Twice every thirty seconds [1].");
    JsonValue engram = completion._additionalProperties().get("engram");
    assertThat(engram).as("the SDK keeps the unknown top-level field").isNotNull();
    JsonNode engramJson = JSON.readTree(JSON.writeValueAsString(engram));
    assertThat(engramJson.get("citations").toString()).contains(Proxied.PASSAGE).contains("\"kind\":\"document\"");
    JsonNode header = JSON.readTree(raw.headers().values("X-Engram-Citations").getFirst());
    assertThat(header.findValuesAsText("kind")).contains("document", "memory");
    assertThat(raw.headers().values("X-Engram-Memory")).containsExactly("on");
    assertThat(raw.headers().values("X-Engram-Context").getFirst()).startsWith("injected: ");
    assertThat(raw.headers().values("Server-Timing").getFirst()).as("the server's phases before the reply")
        .matches("parse;dur=\\d+\\.\\d\\d, context;dur=\\d+\\.\\d\\d, encode;dur=\\d+\\.\\d\\d,"
            + " upstream;dur=\\d+\\.\\d\\d");

    eventually(() -> p.turns("ann", "s1").size() == 2, "the turn remembered");
    List<Episode> turns = p.turns("ann", "s1");
    assertThat(turns.get(0).text()).isEqualTo(BOTH);
    assertThat(turns.get(1).text()).isEqualTo("Twice every thirty seconds [1].");
    assertThat(p.metric("engram_proxy_requests_total{outcome=\"completed\"}")).isEqualTo(1.0);
  }

  @Test
  void should_add_knowledge_and_remember_nothing_when_no_user_is_named() throws Exception {
    p.llm.reply("Twice.");
    long before = p.served.engine.index().collection("episodes").count(dev.engram.index.Filter.all());
    HttpResponseFor<ChatCompletion> raw = p.client(Map.of()).chat().completions().withRawResponse()
        .create(question("How often does the fog horn sound?").build());
    raw.parse();
    String injected = p.llm.lastBody().get("messages").get(1).get("content").asText();
    assertThat(injected).contains(Proxied.PASSAGE).doesNotContain("Paris");
    assertThat(raw.headers().values("X-Engram-Memory").getFirst()).startsWith("off: no user");
    p.awaitRemembered();
    assertThat(p.served.engine.index().collection("episodes").count(dev.engram.index.Filter.all())).isEqualTo(before);
  }

  @Test
  void should_take_the_user_from_the_body_when_no_header_names_one() {
    p.llm.reply("You live in Paris.");
    p.client(Map.of()).chat().completions().create(question("Where do I live?").user("ann").build());
    assertThat(p.llm.lastBody().get("messages").get(1).get("content").asText()).contains("Paris");
    assertThat(p.llm.lastBody().get("user").asText()).as("passed on too").isEqualTo("ann");
    // The setup remembered one message in the default session; the turn adds two.
    eventually(() -> p.turns("ann", "default").size() == 3, "remembered in the default session");
    assertThat(p.turns("ann", "default").get(2).text()).isEqualTo("You live in Paris.");
  }

  @Test
  void should_pass_the_upstream_error_status_and_body_and_remember_nothing_when_the_upstream_fails() {
    p.llm.status(500, "{\"error\": {\"message\": \"the model crashed\", \"type\": \"server_error\", \"code\": \"boom\"}}");
    OpenAIClient client = p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "e1"));
    assertThatThrownBy(() -> client.chat().completions().create(question("How often does the horn sound?").build()))
        .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(500);
          assertThat(e.getMessage()).contains("the model crashed");
          assertThat(e.code()).contains("boom");
        });
    assertThat(p.metric("engram_proxy_requests_total{outcome=\"upstream_error\"}")).isEqualTo(1.0);
    p.awaitRemembered();
    assertThat(p.turns("ann", "e1")).isEmpty();
  }

  @Test
  void should_answer_504_in_openai_shape_and_remember_nothing_when_the_upstream_times_out() {
    p.llm.replyAfter(Duration.ofSeconds(3), "too late");
    OpenAIClient client = p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "t1"));
    assertThatThrownBy(() -> client.chat().completions().create(question("How often does the horn sound?").build()))
        .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(504);
          assertThat(e.getMessage()).contains("did not answer within 1 s");
          assertThat(e.code()).contains("ENGRAM-963");
        });
    assertThat(p.metric("engram_proxy_requests_total{outcome=\"upstream_failed\"}")).isEqualTo(1.0);
    p.awaitRemembered();
    assertThat(p.turns("ann", "t1")).isEmpty();
  }

  @Test
  void should_relay_a_tool_call_intact_and_log_it_without_extraction_then_keep_the_tool_pair_together()
      throws Exception {
    p.llm.replyToolCall("get_weather", "{\"city\":\"Paris\"}").reply("It is sunny in Paris.");
    OpenAIClient client = p.client(Map.of("X-Engram-User", "ann", "X-Engram-Session", "w1"));
    ChatCompletion first = client.chat().completions().create(question("What is the weather where I live?").build());
    ChatCompletionMessageToolCall call = first.choices().getFirst().message().toolCalls().orElseThrow().getFirst();
    assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
    assertThat(call.asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(first.choices().getFirst().finishReason().asString()).isEqualTo("tool_calls");
    eventually(() -> p.turns("ann", "w1").size() == 2, "the tool-call turn logged");
    assertThat(p.turns("ann", "w1").get(1).text()).isEqualTo("called get_weather({\"city\":\"Paris\"})");
    assertThat(p.served.http.get("/v1/memories?user_id=ann", p.key).body()).doesNotContain("get_weather");

    ChatCompletionCreateParams followUp = question("What is the weather where I live?")
        .addMessage(ChatCompletionAssistantMessageParam.builder().addToolCall(ChatCompletionMessageFunctionToolCall.builder()
            .id("call_1").function(ChatCompletionMessageFunctionToolCall.Function.builder()
                .name("get_weather").arguments("{\"city\":\"Paris\"}").build()).build()).build())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_1").content("sunny, 21 C").build())
        .build();
    ChatCompletion second = client.chat().completions().create(followUp);
    assertThat(second.choices().getFirst().message().content()).contains("It is sunny in Paris.");
    JsonNode messages = p.llm.lastBody().get("messages");
    assertThat(messages.findValuesAsText("role")).containsExactly("system", "system", "user", "assistant", "tool");
    assertThat(messages.get(3).get("tool_calls").get(0).get("id").asText()).isEqualTo("call_1");
    eventually(() -> p.turns("ann", "w1").size() == 3, "the answer after the tool result");
    assertThat(p.turns("ann", "w1").get(2).text()).as("no new user message: the answer only")
        .isEqualTo("It is sunny in Paris.");
  }

  @Test
  void should_list_the_upstream_models_with_the_upstream_key() {
    List<Model> models = p.client(Map.of()).models().list().data();
    assertThat(models).extracting(Model::id).containsExactly("scripted-model");
    assertThat(p.llm.requests().getLast().path()).isEqualTo("/v1/models");
    assertThat(p.llm.requests().getLast().authorization()).contains("Bearer " + Proxied.UPSTREAM_KEY);
  }

  @Test
  void should_refuse_a_body_that_is_not_a_chat_request_with_a_problem() {
    Http.Response none = p.served.http.post("/v1/chat/completions", p.key, Map.of("model", "m"));
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.contentType()).startsWith("application/problem+json");
    assertThat(none.code()).isEqualTo("ENGRAM-960");
    assertThat(none.json().get("field").asText()).isEqualTo("messages");
    Http.Response role = p.served.http.post("/v1/chat/completions", p.key,
        Map.of("model", "m", "messages", List.of(Map.of("content", "hi"))));
    assertThat(role.code()).isEqualTo("ENGRAM-960");
    assertThat(role.json().get("field").asText()).isEqualTo("messages[0]");
    Http.Response broken = p.served.http.raw("POST", "/v1/chat/completions", p.key, "application/json",
        "{\"messages\": [".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(broken.code()).isEqualTo("ENGRAM-900");
    Http.Response noKey = p.served.http.post("/v1/chat/completions", null, Map.of("messages", List.of()));
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(p.llm.requests()).as("nothing reached the upstream").isEmpty();
  }
}
