package dev.engram.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.bridge.Engine;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import dev.engram.common.Scope;
import dev.engram.knowledge.KnowledgeDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration's three ways to an Engine (the application's Engram, a data directory,
 * a server URL) and none, on Spring's {@link ApplicationContextRunner}.
 */
class EngramAutoConfigurationTest {
  @TempDir static Path tmp;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(EngramAutoConfiguration.class));

  @Configuration
  static class WithEngram {
    @Bean(destroyMethod = "close")
    Engram engram() {
      return Engram.builder().dataDirectory(tmp.resolve("data")).embedder(new FakeEmbedder(384))
          .tokenCounter(new Cl100kTokenCounter()).settings(Settings.defaults().withLlmMemory(false)).build();
    }
  }

  @Test
  void should_provide_the_adapters_on_the_applications_engram_when_it_has_one() {
    runner.withUserConfiguration(WithEngram.class).run(context -> {
      assertThat(context).hasSingleBean(EngramVectorStore.class).hasSingleBean(EngramDocumentRetriever.class)
          .hasSingleBean(EngramChatMemoryRepository.class).hasSingleBean(Engram.class);
      assertThat(context.getBean(Engine.class).knowledge().getClass().getSimpleName()).isEqualTo("EmbeddedKnowledge");
    });
  }

  @Test
  void should_use_the_server_when_its_url_is_set() {
    runner.withPropertyValues("engram.server.url=http://127.0.0.1:8420", "engram.server.api-key=k").run(context -> {
      assertThat(context).hasSingleBean(EngramVectorStore.class).doesNotHaveBean(Engram.class);
      assertThat(context.getBean(Engine.class).knowledge().getClass().getSimpleName()).isEqualTo("RemoteKnowledge");
    });
  }

  @Test
  void should_open_an_engram_on_the_data_directory_and_close_it_with_the_context() {
    Path dir = tmp.resolve("opened");
    runner.withPropertyValues("engram.data-directory=" + dir).run(context -> {
      assertThat(context).hasSingleBean(Engram.class).hasSingleBean(EngramVectorStore.class)
          .hasSingleBean(EngramDocumentRetriever.class).hasSingleBean(EngramChatMemoryRepository.class);
      assertThat(context.getBean(Engine.class).knowledge().getClass().getSimpleName()).isEqualTo("EmbeddedKnowledge");
      EngramVectorStore store = context.getBean(EngramVectorStore.class);
      store.add(List.of(new Document("kettle", "The kettle warranty lasts two years.", Map.of("lang", "en"))));
      assertThat(store.similaritySearch(SearchRequest.builder().query("kettle warranty").build()))
          .extracting(Document::getId).containsExactly("kettle");
    });
    // Closed with the context: the directory opens again (a still-open Engram holds its write
    // lock, ENGRAM-502), and holds what was added through the store.
    try (Engram reopened = Engram.open(dir)) {
      assertThat(reopened.documents(Scope.ofTenant("default"), 10)).extracting(KnowledgeDocument::id)
          .containsExactly("kettle");
    }
  }

  @Test
  void should_prefer_the_server_when_both_its_url_and_a_data_directory_are_set() {
    runner.withPropertyValues("engram.server.url=http://127.0.0.1:8420", "engram.server.api-key=k",
        "engram.data-directory=" + tmp.resolve("unused")).run(context -> {
          assertThat(context).doesNotHaveBean(Engram.class);
          assertThat(context.getBean(Engine.class).knowledge().getClass().getSimpleName()).isEqualTo("RemoteKnowledge");
        });
    assertThat(tmp.resolve("unused")).doesNotExist();
  }

  @Test
  void should_configure_nothing_when_engram_is_not_configured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(Engine.class).doesNotHaveBean(EngramVectorStore.class));
  }
}
