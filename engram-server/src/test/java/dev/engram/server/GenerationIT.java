package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.chat.ChatModelConfig;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.models.openai.ScriptedChatServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated answers through a scripted OpenAI-compatible server on loopback, streamed and not. */
class GenerationIT {
  @TempDir Path tmp;

  @Test
  void should_stream_generated_tokens_as_delta_events_then_the_answer() throws Exception {
    try (ScriptedChatServer llm = ScriptedChatServer.start()) {
      llm.replyTokens("Twice ", "every thirty ", "seconds [1].").reply("Twice [1].");
      try (Served served = Served.withModel(tmp.resolve("data"), new OpenAiChatModel(
          ChatModelConfig.of(llm.baseUrl().toString(), "test-model")))) {
        String key = served.keyFor("acme");
        served.http.post("/v1/documents", key, Map.of("text", "The horn sounds twice every thirty seconds.", "title", "Fog"));

        Http.Response stream = served.http.post("/v1/answer", key, Map.of("user_id", "ann",
            "question", "How often does the horn sound?", "stream", true));
        assertThat(stream.status()).isEqualTo(200);
        // A token's trailing space is held until the next token shows it does not lead into a
        // citation mark (StreamedNumbers), so the deltas move the spaces, not the words.
        assertThat(stream.body()).startsWith(
            "event: delta\ndata: {\"text\":\"Twice\"}\n\n"
                + "event: delta\ndata: {\"text\":\" every thirty\"}\n\n"
                + "event: delta\ndata: {\"text\":\" seconds [1].\"}\n\n"
                + "event: answer\ndata: {");
        assertThat(stream.body()).contains("\"generated\":true").contains("\"text\":\"Twice every thirty seconds [1].\"")
            .contains("\"kind\":\"document\"");

        Http.Response plain = served.http.post("/v1/answer", key, Map.of("user_id", "ann",
            "question", "How often does the horn sound?"));
        assertThat(plain.json().get("generated").asBoolean()).isTrue();
        assertThat(plain.json().get("text").asText()).isEqualTo("Twice [1].");
      }
    }
  }

  @Test
  void should_send_an_error_event_when_the_model_fails_mid_answer() throws Exception {
    try (ScriptedChatServer llm = ScriptedChatServer.start()) {
      llm.status(401, "{\"error\": {\"message\": \"bad key\"}}").status(401, "{}").status(401, "{}");
      try (Served served = Served.withModel(tmp.resolve("data"), new OpenAiChatModel(
          ChatModelConfig.of(llm.baseUrl().toString(), "test-model")))) {
        String key = served.keyFor("acme");
        Http.Response plain = served.http.post("/v1/answer", key, Map.of("user_id", "ann", "question", "hello?"));
        assertThat(plain.status()).as(plain.toString()).isEqualTo(502);
        assertThat(plain.code()).isEqualTo("ENGRAM-602");
        Http.Response stream = served.http.post("/v1/answer", key, Map.of("user_id", "ann", "question", "hello?", "stream", true));
        assertThat(stream.body()).contains("event: error\ndata: {").contains("ENGRAM-602");
      }
    }
  }
}
