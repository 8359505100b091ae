package dev.engram.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatModelConfigTest {

  private static final Map<String, String> OLLAMA =
      Map.of("ENGRAM_LLM_BASE_URL", "http://localhost:11434/v1/", "ENGRAM_LLM_MODEL", "llama3.2");

  @Test
  void should_be_empty_when_nothing_is_configured() {
    assertThat(ChatModelConfig.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-1", "HOME", "/h")))
        .isEmpty();
    assertThat(
            ChatModelConfig.fromEnvironment(
                Map.of("ENGRAM_LLM_BASE_URL", "  ", "ENGRAM_LLM_MODEL", "")))
        .isEmpty();
  }

  @Test
  void should_use_defaults_and_drop_trailing_slash_when_only_url_and_model_are_set() {
    ChatModelConfig config = ChatModelConfig.fromEnvironment(OLLAMA).orElseThrow();

    assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:11434/v1"));
    assertThat(config.model()).isEqualTo("llama3.2");
    assertThat(config.apiKey()).isEmpty();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxRetries()).isEqualTo(2);
  }

  @Test
  void should_read_every_variable_when_all_are_set() {
    Map<String, String> env =
        Map.of(
            "ENGRAM_LLM_BASE_URL", "https://api.openai.com/v1",
            "ENGRAM_LLM_MODEL", "gpt-4o-mini",
            "ENGRAM_LLM_API_KEY", "sk-engram",
            "OPENAI_API_KEY", "sk-openai",
            "ENGRAM_LLM_TIMEOUT_SECONDS", "5",
            "ENGRAM_LLM_MAX_RETRIES", "0");

    ChatModelConfig config = ChatModelConfig.fromEnvironment(env).orElseThrow();

    assertThat(config.apiKey()).contains("sk-engram");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxRetries()).isZero();
  }

  @Test
  void should_fall_back_to_openai_api_key_when_engram_key_is_unset() {
    var env = new java.util.HashMap<>(OLLAMA);
    env.put("OPENAI_API_KEY", "sk-openai");

    assertThat(ChatModelConfig.fromEnvironment(env).orElseThrow().apiKey()).contains("sk-openai");
  }

  @Test
  void should_name_the_missing_variable_when_only_one_of_url_and_model_is_set() {
    assertThatThrownBy(
            () -> ChatModelConfig.fromEnvironment(Map.of("ENGRAM_LLM_BASE_URL", "http://h/v1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ENGRAM_LLM_MODEL is not");
    assertThatThrownBy(() -> ChatModelConfig.fromEnvironment(Map.of("ENGRAM_LLM_MODEL", "m")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ENGRAM_LLM_BASE_URL is not");
  }

  @Test
  void should_reject_with_code_600_when_base_url_is_not_http() {
    for (String bad : new String[] {"localhost:11434/v1", "ftp://h/v1", "http://", "http://h/v1?x=1", "ht tp://x"}) {
      assertThatThrownBy(
              () ->
                  ChatModelConfig.fromEnvironment(
                      Map.of("ENGRAM_LLM_BASE_URL", bad, "ENGRAM_LLM_MODEL", "m")))
          .as(bad)
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> assertThat(e.code()).isEqualTo("ENGRAM-600"))
          .hasMessageContaining("ENGRAM_LLM_BASE_URL")
          .hasMessageContaining("http://localhost:11434/v1");
    }
  }

  @Test
  void should_reject_when_timeout_or_retries_are_not_whole_numbers_in_range() {
    for (var entry :
        Map.of(
                "ENGRAM_LLM_TIMEOUT_SECONDS", "abc",
                "ENGRAM_LLM_MAX_RETRIES", "-1")
            .entrySet()) {
      var env = new java.util.HashMap<>(OLLAMA);
      env.put(entry.getKey(), entry.getValue());
      assertThatThrownBy(() -> ChatModelConfig.fromEnvironment(env))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(entry.getKey())
          .hasMessageContaining(entry.getValue());
    }
  }

  @Test
  void should_hide_api_key_when_printed() {
    ChatModelConfig config = ChatModelConfig.of("http://h:1/v1", "m").withApiKey("sk-secret");

    assertThat(config.toString()).doesNotContain("sk-secret").contains("apiKey=***");
  }

  @Test
  void should_treat_blank_api_key_as_none_when_built_in_code() {
    ChatModelConfig config =
        new ChatModelConfig(
            URI.create("http://h/v1"), "m", Optional.of("  "), Duration.ofSeconds(1), 0);

    assertThat(config.apiKey()).isEmpty();
  }
}
