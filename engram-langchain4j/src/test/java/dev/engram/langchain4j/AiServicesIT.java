package dev.engram.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.bridge.Conversation;
import dev.engram.bridge.Doc;
import dev.engram.bridge.TestEngines;
import dev.engram.bridge.Turn;
import dev.engram.models.openai.ScriptedChatServer;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof of the LangChain4j adapters: an {@code AiServices} assistant on LangChain4j's own
 * OpenAI chat model, talking to a scripted OpenAI-compatible server on loopback, with {@link
 * EngramRetrievalAugmentor} and {@link EngramChatMemoryStore}, over an embedded Engram and over a
 * real server. What reaches the model is asserted, not what the script answers.
 */
class AiServicesIT {
  interface Assistant {
    String chat(@MemoryId String conversation, @UserMessage String text);
  }

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void should_send_the_cited_passage_and_the_current_memory_when_asked_in_a_later_session(String mode)
      throws Exception {
    try (TestEngines engines = TestEngines.start(mode, tmp); ScriptedChatServer llm = ScriptedChatServer.start()) {
      engines.engine().knowledge().add("", List.of(new Doc("warranty-eu", "The Orbit Hub warranty lasts"
          + " two years. In the European Union the warranty period is three years.", "Warranty", Map.of())));
      EngramChatMemoryStore store = EngramChatMemoryStore.builder().engine(engines.engine()).build();
      Assistant assistant = AiServices.builder(Assistant.class)
          .chatModel(OpenAiChatModel.builder().baseUrl(llm.baseUrl().toString()).apiKey("test-key")
              .modelName("gpt-4o-mini").build())
          .retrievalAugmentor(EngramRetrievalAugmentor.builder().engine(engines.engine()).build())
          .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(10)
              .chatMemoryStore(store).build())
          .build();
      llm.reply("Paris is lovely.").reply("Noted.").reply("Berlin it is.").reply("Three years [1].");

      assistant.chat("ann:s1", "I live in Paris and I love hiking.");
      assistant.chat("ann:s1", "Hiking in the Alps is my favourite.");
      assistant.chat("ann:s2", "I moved to Berlin last week.");
      String answer = assistant.chat("ann:s3", "How long is the warranty where I live?");

      assertThat(answer).isEqualTo("Three years [1].");
      String upstream = llm.lastBody().path("messages").toString();
      assertThat(upstream).contains("In the European Union the warranty period is three years.")
          .containsPattern("\\[\\d+\\][^\\[]*Warranty").contains("Berlin");
      assertThat(upstream).doesNotContainPattern("(?i)lives? in Paris");
      // LangChain4j handed the whole window each time; each message is in the log once.
      assertThat(store.getMessages("ann:s1")).hasSize(4);
      assertThat(engines.engine().sessions().recent(Conversation.parse("ann:s1"), 10)).containsExactly(
          Turn.user("I live in Paris and I love hiking."), Turn.assistant("Paris is lovely."),
          Turn.user("Hiking in the Alps is my favourite."), Turn.assistant("Noted."));
    }
  }
}
