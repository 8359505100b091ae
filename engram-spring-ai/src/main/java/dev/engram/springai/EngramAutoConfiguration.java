package dev.engram.springai;

import dev.engram.Engram;
import dev.engram.bridge.Engine;
import dev.engram.client.EngramClient;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Spring Boot auto-configuration: with {@code engram.server.url} (and {@code engram.server.api-key})
 * the adapters talk to that server; else with an {@code Engram} bean of the application's, or
 * {@code engram.data-directory} (an Engram opened with the defaults, closed with the context), they
 * use it embedded. It then provides {@link EngramVectorStore}, {@link EngramDocumentRetriever} and
 * {@link EngramChatMemoryRepository}, each unless the application defines its own. With none of
 * these it does nothing.
 */
@AutoConfiguration
@Conditional(EngramAutoConfiguration.Configured.class)
public class EngramAutoConfiguration {
  static final String SERVER_URL = "engram.server.url";
  static final String API_KEY = "engram.server.api-key";
  static final String DATA_DIRECTORY = "engram.data-directory";

  /** True when a server URL, a data directory or an application's {@code Engram} bean is there. */
  static final class Configured extends AnyNestedCondition {
    Configured() {
      super(ConfigurationPhase.REGISTER_BEAN); // after the application's beans are known
    }

    @ConditionalOnProperty(SERVER_URL)
    static final class ServerUrl {}

    @ConditionalOnProperty(DATA_DIRECTORY)
    static final class DataDirectory {}

    @ConditionalOnBean(Engram.class)
    static final class ApplicationEngram {}
  }

  /** Engram's view for the adapters: the server when its URL is set, else the embedded Engram. */
  @Bean
  @ConditionalOnMissingBean
  public Engine engramEngine(Environment env, ObjectProvider<Engram> engram) {
    String url = env.getProperty(SERVER_URL, "");
    if (!url.isBlank()) {
      return Engine.remote(EngramClient.builder().baseUrl(URI.create(url))
          .apiKey(env.getProperty(API_KEY, "")).build());
    }
    return Engine.embedded(engram.getObject()); // the application's, or the one opened below
  }

  /** Closes an Engram this configuration opened; one of the application's is the application's. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(Engram.class)
  @Conditional(DataDirectoryOnly.class)
  public Engram engram(Environment env) {
    return Engram.open(Path.of(env.getRequiredProperty(DATA_DIRECTORY)));
  }

  /** A data directory and no server URL. */
  static final class DataDirectoryOnly implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      return env.containsProperty(DATA_DIRECTORY) && env.getProperty(SERVER_URL, "").isBlank();
    }
  }

  @Bean
  @ConditionalOnMissingBean(org.springframework.ai.vectorstore.VectorStore.class)
  public EngramVectorStore engramVectorStore(Engine engine) {
    return EngramVectorStore.builder().engine(engine).build();
  }

  @Bean
  @ConditionalOnMissingBean(org.springframework.ai.rag.retrieval.search.DocumentRetriever.class)
  public EngramDocumentRetriever engramDocumentRetriever(Engine engine) {
    return EngramDocumentRetriever.builder().engine(engine).build();
  }

  @Bean
  @ConditionalOnMissingBean(org.springframework.ai.chat.memory.ChatMemoryRepository.class)
  public EngramChatMemoryRepository engramChatMemoryRepository(Engine engine) {
    return EngramChatMemoryRepository.builder().engine(engine).build();
  }
}
