package dev.engram.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Engram;
import dev.engram.common.ModelException;
import dev.engram.Settings;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatModelConfig;
import dev.engram.context.Citation;
import dev.engram.index.Filter;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.memory.model.Message;
import dev.engram.common.Scope;
import dev.engram.memory.store.Fields;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.models.openai.ScriptedChatServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Answers through the real index, embedder and an OpenAI-compatible server on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerIT {
  /** Recall's recency is relative to the clock: fixed, so that results do not depend on today. */
  private static final java.time.Clock CLOCK =
      java.time.Clock.fixed(java.time.Instant.parse("2025-06-01T12:00:00Z"), java.time.ZoneOffset.UTC);

  private Path dir;
  private ScriptedChatServer server;
  private Engram engram;
  private int users;

  @BeforeAll
  void open(@TempDir Path tmp) throws Exception {
    dir = tmp;
    server = ScriptedChatServer.start();
    ChatModel model = new OpenAiChatModel(
        ChatModelConfig.of(server.baseUrl().toString(), "test-model").withMaxRetries(0));
    engram = Engram.builder().dataDirectory(dir.resolve("data")).clock(CLOCK)
        .settings(Settings.defaults().withLlmMemory(false)).chatModel(model).build();
    Path kb = Files.createDirectories(dir.resolve("kb"));
    Files.writeString(kb.resolve("hub.md"), """
        # Hub Manual

        ## Reset

        Hold the reset button for fifteen seconds until the light flashes red.

        ## Wi-Fi

        The hub supports 2.4 GHz networks only.
        """);
    engram.ingest(Scope.ofTenant(Scope.DEFAULT_TENANT), List.of(kb), IngestOptions.defaults(), IngestListener.NONE);
  }

  @AfterAll
  void close() {
    engram.close();
    server.close();
  }

  private Scope newUser() {
    Scope s = Scope.ofUser("user-" + users++);
    engram.memories().remember(s.withSession("past"),
        List.of(Message.of("Ann", "I live in Berlin.", Instant.parse("2025-01-01T10:00:00Z"))));
    return s;
  }

  private int episodes(Scope s) {
    return engram.memories().messageCount(s);
  }

  @Test
  void should_send_the_context_and_parse_the_citations_when_the_model_answers() {
    Scope ann = newUser();
    server.reply("Hold the reset button for fifteen seconds [1]. You live in Berlin [3][99].");

    Answer a = engram.answer(ann.withSession("s1"), "How do I reset my hub, and where do I live?");

    String sent = server.lastBody().path("messages").toString();
    assertThat(sent).contains("How do I reset my hub").contains("[1] (Hub Manual > Reset) Hold the reset")
        .contains("Ann lives in Berlin").contains("Cite every statement").contains("User: " + ann.user().orElseThrow());
    assertThat(a.generated()).isTrue();
    // The answer shows its two sources as [1] and [2]; the context keeps the prompt's numbers.
    assertThat(a.text()).isEqualTo("Hold the reset button for fifteen seconds [1]. You live in Berlin [2].");
    assertThat(a.citations()).extracting(Citation::number).containsExactly(1, 2);
    assertThat(a.citations().get(0).title()).isEqualTo("Hub Manual > Reset");
    assertThat(a.citations().get(1).id()).isEqualTo(a.context().citation(3).orElseThrow().id());
    assertThat(a.memoriesUsed()).singleElement().satisfies(m -> assertThat(m.text()).contains("Berlin"));
    assertThat(a.tokens().context()).isPositive();
    assertThat(a.tokens().prompt()).isGreaterThan(a.tokens().context());
    List<String> remembered = engram.memories()
        .messages(ann, a.rememberedIds()).stream().map(e -> e.role() + ": " + e.text()).toList();
    assertThat(remembered).containsExactly("user: How do I reset my hub, and where do I live?",
        "assistant: Hold the reset button for fifteen seconds. You live in Berlin.");
  }

  @Test
  void should_stream_tokens_in_order_when_a_consumer_is_given() {
    Scope ann = newUser();
    server.replyTokens("Only ", "2.4 GHz", " [1].");
    List<String> tokens = new ArrayList<>();

    Answer a = engram.answerer().answer(ann.withSession("s1"), "Which Wi-Fi bands does the hub support?", tokens::add);

    assertThat(server.requests().getLast().streamed()).isTrue();
    assertThat(String.join("", tokens)).isEqualTo("Only 2.4 GHz [1].");
    assertThat(a.text()).isEqualTo("Only 2.4 GHz [1].");
    assertThat(a.citations()).singleElement().satisfies(c -> assertThat(c.text()).contains("2.4 GHz"));
  }

  @Test
  void should_stream_answer_numbers_when_a_mark_is_split_over_tokens() {
    Scope ann = newUser();
    server.replyTokens("You live in Berlin [", "3]. Hold the button [1", "][99].");
    List<String> tokens = new ArrayList<>();

    Answer a = engram.answerer().answer(ann.withSession("s1"), "How do I reset my hub, and where do I live?",
        tokens::add);

    assertThat(String.join("", tokens)).isEqualTo("You live in Berlin [1]. Hold the button [2].");
    assertThat(a.text()).isEqualTo(String.join("", tokens));
    assertThat(a.citations()).extracting(Citation::kind)
        .containsExactly(Citation.Kind.MEMORY, Citation.Kind.DOCUMENT);
  }

  @Test
  void should_name_the_key_variable_and_remember_nothing_when_the_key_is_refused() {
    Scope ann = newUser();
    int before = episodes(ann);
    server.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");

    assertThatThrownBy(() -> engram.answer(ann.withSession("s1"), "How do I reset the hub?"))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(ChatModelConfig.API_KEY_VAR);
    assertThat(episodes(ann)).isEqualTo(before);
  }

  @Test
  void should_name_the_url_variable_and_remember_nothing_when_the_endpoint_is_unreachable() throws Exception {
    Scope ann = newUser();
    int before = episodes(ann);
    ChatModel nowhere = new OpenAiChatModel(ChatModelConfig.of("http://127.0.0.1:9/v1", "m").withMaxRetries(0));
    Answerer answerer = engram.answerer();
    try (Engram other = Engram.builder().dataDirectory(dir.resolve("other")).clock(CLOCK).chatModel(nowhere).build()) {
      other.memories().remember(ann, List.of(Message.user("I live in Rome.")));
      int otherBefore = other.memories().messageCount(ann);
      assertThatThrownBy(() -> other.answer(ann, "Where do I live?"))
          .isInstanceOf(ModelException.class)
          .hasMessageContaining(ChatModelConfig.BASE_URL_VAR);
      assertThat(other.memories().messageCount(ann)).isEqualTo(otherBefore);
    }
    assertThat(episodes(ann)).isEqualTo(before);
  }

  @Test
  void should_answer_extractively_with_citations_when_no_model_is_configured() throws Exception {
    Path kb = Files.createDirectories(dir.resolve("kb2"));
    Files.writeString(kb.resolve("warranty.txt"),
        "Warranty\n\nIn the European Union the warranty period is three years. Elsewhere it is one year.\n");
    try (Engram plain = Engram.builder().dataDirectory(dir.resolve("plain")).clock(CLOCK).build()) {
      plain.ingest(Scope.ofTenant(Scope.DEFAULT_TENANT), List.of(kb), IngestOptions.defaults(), IngestListener.NONE);
      Scope bob = Scope.ofUser("bob");

      Answer a = plain.answer(bob, "How long is the warranty in the European Union?");

      assertThat(a.generated()).isFalse();
      assertThat(a.text()).startsWith("In the European Union the warranty period is three years. [1]");
      assertThat(a.citations()).singleElement().extracting(Citation::kind).isEqualTo(Citation.Kind.DOCUMENT);
      assertThat(a.rememberedIds()).hasSize(2);
      assertThat(plain.answer(bob, "What is the capital of Mongolia?").text())
          .isEqualTo(ExtractiveAnswer.NOT_FOUND);
    }
  }
}
