package dev.engram.langchain4j.example;

import dev.engram.Engram;
import dev.engram.langchain4j.EngramChatMemoryStore;
import dev.engram.langchain4j.EngramRetrievalAugmentor;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import java.nio.file.Path;

public class SupportAssistant {
  interface Assistant {
    String chat(@MemoryId String conversation, @UserMessage String text);
  }

  public static void main(String[] args) {
    try (Engram engram = Engram.open(Path.of("engram-data"))) {  // or .client(EngramClient) in each builder
      EngramChatMemoryStore store = EngramChatMemoryStore.builder().engram(engram).build();
      Assistant assistant = AiServices.builder(Assistant.class)
          .chatModel(OpenAiChatModel.builder().apiKey(System.getenv("OPENAI_API_KEY"))
              .modelName("gpt-4o-mini").build())
          .retrievalAugmentor(EngramRetrievalAugmentor.builder().engram(engram).kb("manuals").build())
          .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(20)
              .chatMemoryStore(store).build())
          .build();
      // The memory id is "user:session": memories are the user's, turns the session's.
      System.out.println(assistant.chat("ann:support-1", "How do I reset the hub?"));
    }
  }
}
