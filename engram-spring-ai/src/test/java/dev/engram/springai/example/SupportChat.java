package dev.engram.springai.example;

import dev.engram.Engram;
import dev.engram.springai.EngramChatMemoryRepository;
import dev.engram.springai.EngramDocumentRetriever;
import dev.engram.springai.EngramVectorStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.document.Document;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;

public class SupportChat {
  public static void main(String[] args) {
    try (Engram engram = Engram.open(Path.of("engram-data"))) {  // or .client(EngramClient) in each builder
      EngramVectorStore store = EngramVectorStore.builder().engram(engram).kb("manuals").build();
      store.add(List.of(new Document("reset", "Hold the reset button for ten seconds.",
          Map.of("title", "Factory reset"))));
      ChatMemory memory = MessageWindowChatMemory.builder()
          .chatMemoryRepository(EngramChatMemoryRepository.builder().engram(engram).build()).build();
      ChatClient chat = ChatClient.builder(OpenAiChatModel.builder()
              .openAiApi(OpenAiApi.builder().apiKey(System.getenv("OPENAI_API_KEY")).build()).build())
          .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build(),
              RetrievalAugmentationAdvisor.builder().documentRetriever(
                  EngramDocumentRetriever.builder().engram(engram).kb("manuals").build()).build())
          .build();
      // The conversation id is "user:session": memories are the user's, turns the session's.
      System.out.println(chat.prompt().user("How do I reset the hub?")
          .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ann:support-1")).call().content());
    }
  }
}
