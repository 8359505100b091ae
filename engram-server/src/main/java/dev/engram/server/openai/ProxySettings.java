package dev.engram.server.openai;

import dev.engram.chat.ChatModelConfig;
import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.server.ModelUse;
import dev.engram.server.ServerEngine;
import java.util.Map;
import java.util.Optional;

/**
 * How the OpenAI-compatible proxy reaches its upstream and sizes its context.
 *
 * @param upstream the LLM endpoint ({@code ENGRAM_LLM_BASE_URL}, {@code ENGRAM_LLM_MODEL},
 *     {@code ENGRAM_LLM_API_KEY}); empty when none is configured (the proxy then answers 503)
 * @param pinModel true to send the configured model whatever the client asks for; false to
 *     forward the client's {@code model} (the configured one fills in when the client sends none)
 * @param contextTokens the upstream model's window in tokens: the injected context gets what the
 *     conversation and the reply leave of it
 */
public record ProxySettings(Optional<ChatModelConfig> upstream, boolean pinModel, int contextTokens) {
  public static final String PIN_MODEL_VAR = "ENGRAM_LLM_PIN_MODEL";
  public static final String CONTEXT_TOKENS_VAR = "ENGRAM_LLM_CONTEXT_TOKENS";
  /**
   * 8,192 tokens: the smallest window of the models people run locally behind an OpenAI-compatible
   * server (Llama 3 8B); larger models can say more. Not measured; chosen as the safe floor.
   */
  public static final int DEFAULT_CONTEXT_TOKENS = 8_192;

  public ProxySettings {
    Checks.notNull(upstream, "upstream");
    Checks.atLeast(contextTokens, 256, "contextTokens");
  }

  /** The upstream of the engine's chat model (when it is an OpenAI-compatible one), unpinned. */
  public static ProxySettings of(ServerEngine engine) {
    return new ProxySettings(upstreamOf(engine), false, DEFAULT_CONTEXT_TOKENS);
  }

  /**
   * The engine's upstream with {@value #PIN_MODEL_VAR} ({@code true}/{@code false}) and {@value
   * #CONTEXT_TOKENS_VAR} read from {@code env}.
   *
   * @throws InvalidInputException (ENGRAM-600) naming the variable when a value does not parse
   */
  public static ProxySettings fromEnvironment(ServerEngine engine, Map<String, String> env) {
    String pin = env.getOrDefault(PIN_MODEL_VAR, "false").strip().toLowerCase(java.util.Locale.ROOT);
    if (!pin.equals("true") && !pin.equals("false") && !pin.isEmpty()) {
      throw new InvalidInputException(ChatModelConfig.INVALID_CONFIG,
          PIN_MODEL_VAR + " must be true or false, got: " + pin);
    }
    String window = env.getOrDefault(CONTEXT_TOKENS_VAR, "").strip();
    int tokens = DEFAULT_CONTEXT_TOKENS;
    if (!window.isEmpty()) {
      try {
        tokens = Integer.parseInt(window);
      } catch (NumberFormatException e) {
        tokens = -1;
      }
      if (tokens < 256 || tokens > 10_000_000) {
        throw new InvalidInputException(ChatModelConfig.INVALID_CONFIG, CONTEXT_TOKENS_VAR
            + " must be the model's window in tokens (256 to 10000000), got: " + window);
      }
    }
    return new ProxySettings(upstreamOf(engine), pin.equals("true"), tokens);
  }

  private static Optional<ChatModelConfig> upstreamOf(ServerEngine engine) {
    return engine.engram().chatModel()
        .map(m -> m instanceof ModelUse.Counted counted ? counted.model() : m)
        .filter(OpenAiChatModel.class::isInstance).map(m -> ((OpenAiChatModel) m).config());
  }
}
