package dev.engram.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.bridge.Doc;
import dev.engram.bridge.TestEngines;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The content and memory retrievers and the chat memory store, embedded and against a server. */
class RetrieversIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void should_retrieve_cited_passages_and_live_memories_then_forget_the_session(String mode) throws Exception {
    try (TestEngines engines = TestEngines.start(mode, tmp)) {
      engines.engine().knowledge().add("manuals", List.of(new Doc("reset", "Hold the reset button for ten"
          + " seconds until the ring blinks white.", "Factory reset", Map.of("tag", "hub"))));
      EngramChatMemoryStore store = EngramChatMemoryStore.builder().engine(engines.engine()).build();
      store.updateMessages("ann:s1", List.of(UserMessage.from("I live in Paris."), AiMessage.from("Noted.")));
      store.updateMessages("ann:s2", List.of(UserMessage.from("I moved to Berlin last week.")));

      List<Content> passages = EngramContentRetriever.builder().engine(engines.engine()).kb("manuals")
          .maxResults(3).filter("tag", "hub").build().retrieve(Query.from("how do I reset the hub"));
      assertThat(passages).singleElement().satisfies(c -> {
        assertThat(c.textSegment().text()).contains("ten seconds");
        assertThat(c.textSegment().metadata().getString("document_id")).isEqualTo("reset");
        assertThat(c.textSegment().metadata().getString("title")).isEqualTo("Factory reset");
        assertThat(c.textSegment().metadata().getInteger("end")).isPositive();
        assertThat((Double) c.metadata().get(ContentMetadata.SCORE)).isPositive();
      });

      Query where = Query.from("where does ann live", Metadata.from(UserMessage.from("where do I live"), "ann:s3", List.of()));
      List<Content> memories = EngramMemoryRetriever.builder().engine(engines.engine()).maxResults(5).build()
          .retrieve(where);
      assertThat(memories).extracting(c -> c.textSegment().text()).anyMatch(t -> t.contains("Berlin"))
          .noneMatch(t -> t.matches("(?i).*lives? in Paris.*"));
      assertThat(memories).filteredOn(c -> c.textSegment().text().contains("Berlin")).first().satisfies(c -> {
        assertThat(c.textSegment().metadata().getString("valid_from")).isNotBlank();
        assertThat(c.textSegment().metadata().getString("provenance")).isNotBlank();
        assertThat(c.textSegment().metadata().getString("valid_to")).isNull();
      });

      List<ChatMessage> s1 = store.getMessages("ann:s1");
      assertThat(s1).containsExactly(UserMessage.from("I live in Paris."), AiMessage.from("Noted."));
      // Another process (a store over a fresh engine) reads the same log, and its delete is seen here.
      EngramChatMemoryStore elsewhere = EngramChatMemoryStore.builder().engine(engines.fresh()).build();
      assertThat(elsewhere.getMessages("ann:s1")).isEqualTo(s1);
      elsewhere.deleteMessages("ann:s1");
      assertThat(store.getMessages("ann:s1")).isEmpty();
      assertThat(store.getMessages("ann:s2")).hasSize(1);
    }
  }
}
