package dev.engram.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.bridge.Conversation;
import dev.engram.bridge.TestEngines;
import dev.engram.bridge.Turn;
import dev.engram.models.openai.ScriptedChatServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.document.Document;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;

/**
 * The proof of the Spring AI adapters: a {@link ChatClient} on Spring AI's OpenAI chat model,
 * talking to a scripted OpenAI-compatible server on loopback, with {@link
 * RetrievalAugmentationAdvisor} on {@link EngramDocumentRetriever} and the chat memory advisor on
 * {@link EngramChatMemoryRepository}, over an embedded Engram and over a real server. Knowledge
 * goes in through {@link EngramVectorStore}. What reaches the model is asserted.
 */
class ChatClientIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void should_send_the_cited_passage_and_the_current_memory_when_asked_in_a_later_session(String mode)
      throws Exception {
    try (TestEngines engines = TestEngines.start(mode, tmp); ScriptedChatServer llm = ScriptedChatServer.start()) {
      EngramVectorStore store = EngramVectorStore.builder().engine(engines.engine()).build();
      store.add(List.of(new Document("warranty-eu", "The Orbit Hub warranty lasts two years. In the"
          + " European Union the warranty period is three years.", Map.of("title", "Warranty"))));
      EngramChatMemoryRepository repository = EngramChatMemoryRepository.builder().engine(engines.engine()).build();
      ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(10).build();
      OpenAiChatModel model = OpenAiChatModel.builder()
          .openAiApi(OpenAiApi.builder().baseUrl("http://127.0.0.1:" + llm.baseUrl().getPort()).apiKey("test-key").build())
          .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build()).build();
      ChatClient chat = ChatClient.builder(model).defaultAdvisors(
          MessageChatMemoryAdvisor.builder(memory).build(),
          RetrievalAugmentationAdvisor.builder()
              .documentRetriever(EngramDocumentRetriever.builder().engine(engines.engine()).build()).build())
          .build();
      llm.reply("Paris is lovely.").reply("Noted.").reply("Berlin it is.").reply("Three years [1].");

      ask(chat, "ann:s1", "I live in Paris and I love hiking.");
      ask(chat, "ann:s1", "Hiking in the Alps is my favourite.");
      ask(chat, "ann:s2", "I moved to Berlin last week.");
      String answer = ask(chat, "ann:s3", "How long is the warranty where I live?");

      assertThat(answer).isEqualTo("Three years [1].");
      String upstream = llm.lastBody().path("messages").toString();
      assertThat(upstream).contains("In the European Union the warranty period is three years.")
          .containsPattern("\\[\\d+\\] \\(Warranty\\)").contains("Berlin");
      assertThat(upstream).doesNotContainPattern("(?i)lives? in Paris");
      // Spring AI saved the whole window each time; each message is in the log once.
      assertThat(repository.findByConversationId("ann:s1")).hasSize(4);
      assertThat(engines.engine().sessions().recent(Conversation.parse("ann:s1"), 10)).containsExactly(
          Turn.user("I live in Paris and I love hiking."), Turn.assistant("Paris is lovely."),
          Turn.user("Hiking in the Alps is my favourite."), Turn.assistant("Noted."));
    }
  }

  private static String ask(ChatClient chat, String conversation, String text) {
    return chat.prompt().user(text).advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversation))
        .call().content();
  }
}
