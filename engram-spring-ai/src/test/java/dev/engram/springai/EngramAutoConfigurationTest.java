package dev.engram.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.bridge.Engine;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
  void should_configure_nothing_when_engram_is_not_configured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(Engine.class).doesNotHaveBean(EngramVectorStore.class));
  }
}
