package dev.engram.chat;

import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how to reach an OpenAI-compatible chat endpoint: base URL (such as {@code
 * http://localhost:11434/v1}), model name, optional API key, per-request timeout and how often to
 * retry connection errors, 429 and 5xx replies.
 *
 * <p>{@link #toString()} hides the API key, so a config can be logged.
 */
public record ChatModelConfig(
    URI baseUrl, String model, Optional<String> apiKey, Duration timeout, int maxRetries) {

  /** Code of every configuration error of the chat model. */
  public static final String INVALID_CONFIG = "ENGRAM-600";

  public static final String BASE_URL_VAR = "ENGRAM_LLM_BASE_URL";
  public static final String MODEL_VAR = "ENGRAM_LLM_MODEL";
  public static final String API_KEY_VAR = "ENGRAM_LLM_API_KEY";
  public static final String OPENAI_API_KEY_VAR = "OPENAI_API_KEY";
  public static final String TIMEOUT_VAR = "ENGRAM_LLM_TIMEOUT_SECONDS";
  public static final String MAX_RETRIES_VAR = "ENGRAM_LLM_MAX_RETRIES";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_RETRIES = 2;
  private static final int MAX_RETRIES_LIMIT = 10;

  public ChatModelConfig {
    Checks.notNull(baseUrl, "baseUrl");
    baseUrl = checkBaseUrl(baseUrl, "chat base URL");
    Checks.notBlank(model, "model");
    Checks.notNull(apiKey, "apiKey");
    apiKey = apiKey.map(String::strip).filter(key -> !key.isEmpty());
    Checks.notNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new InvalidInputException(
          INVALID_CONFIG, "chat timeout must be positive, got: " + timeout);
    }
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      throw new InvalidInputException(
          INVALID_CONFIG,
          "chat maxRetries must be in [0, " + MAX_RETRIES_LIMIT + "], got: " + maxRetries);
    }
  }

  /** An endpoint without API key, with the default timeout and retries. */
  public static ChatModelConfig of(String baseUrl, String model) {
    return new ChatModelConfig(
        parseBaseUrl(baseUrl, "chat base URL"),
        model,
        Optional.empty(),
        DEFAULT_TIMEOUT,
        DEFAULT_MAX_RETRIES);
  }

  public ChatModelConfig withApiKey(String key) {
    return new ChatModelConfig(
        baseUrl, model, Optional.of(Checks.notNull(key, "key")), timeout, maxRetries);
  }

  public ChatModelConfig withTimeout(Duration newTimeout) {
    return new ChatModelConfig(baseUrl, model, apiKey, newTimeout, maxRetries);
  }

  public ChatModelConfig withMaxRetries(int newMaxRetries) {
    return new ChatModelConfig(baseUrl, model, apiKey, timeout, newMaxRetries);
  }

  /**
   * The chat endpoint configured by {@code ENGRAM_LLM_*} variables, or empty when neither base URL
   * nor model is set (generation is then off). Blank values count as unset.
   *
   * @throws InvalidInputException (ENGRAM-600) naming the variable when a value is invalid or only
   *     one of base URL and model is set
   */
  public static Optional<ChatModelConfig> fromEnvironment(Map<String, String> env) {
    Checks.notNull(env, "env");
    Optional<String> url = value(env, BASE_URL_VAR);
    Optional<String> model = value(env, MODEL_VAR);
    if (url.isEmpty() && model.isEmpty()) {
      return Optional.empty();
    }
    if (url.isEmpty()) {
      throw invalid(
          MODEL_VAR + " is set but " + BASE_URL_VAR + " is not: set it to your endpoint,"
              + " e.g. http://localhost:11434/v1 (Ollama) or https://api.openai.com/v1");
    }
    if (model.isEmpty()) {
      throw invalid(
          BASE_URL_VAR + " is set but " + MODEL_VAR + " is not: set it to a model the endpoint"
              + " serves, e.g. llama3.2 (Ollama) or gpt-4o-mini (OpenAI)");
    }
    Optional<String> key = value(env, API_KEY_VAR).or(() -> value(env, OPENAI_API_KEY_VAR));
    int seconds = intValue(env, TIMEOUT_VAR, (int) DEFAULT_TIMEOUT.toSeconds(), 1, 3600);
    int retries = intValue(env, MAX_RETRIES_VAR, DEFAULT_MAX_RETRIES, 0, MAX_RETRIES_LIMIT);
    return Optional.of(
        new ChatModelConfig(
            parseBaseUrl(url.get(), BASE_URL_VAR),
            model.get(),
            key,
            Duration.ofSeconds(seconds),
            retries));
  }

  @Override
  public String toString() {
    return "ChatModelConfig[baseUrl=" + baseUrl + ", model=" + model
        + ", apiKey=" + (apiKey.isPresent() ? "***" : "none")
        + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
  }

  private static URI parseBaseUrl(String raw, String source) {
    Checks.notNull(raw, source);
    try {
      return checkBaseUrl(new URI(raw.strip()), source);
    } catch (URISyntaxException e) {
      throw invalid(source + " is not a valid URL (" + e.getReason() + "): " + raw + example());
    }
  }

  /** Keeps http(s) URLs with a host and drops a trailing slash, so paths join cleanly. */
  private static URI checkBaseUrl(URI url, String source) {
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw invalid(source + " must be an http(s) URL with a host, got: " + url + example());
    }
    if (url.getQuery() != null || url.getFragment() != null) {
      throw invalid(source + " must not have a query or fragment, got: " + url + example());
    }
    String text = url.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
  }

  private static String example() {
    return " (e.g. http://localhost:11434/v1 for Ollama, https://api.openai.com/v1 for OpenAI)";
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static int intValue(Map<String, String> env, String name, int fallback, int min, int max) {
    Optional<String> raw = value(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(raw.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw invalid(
        name + " must be a whole number in [" + min + ", " + max + "], got: " + raw.get());
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(INVALID_CONFIG, message);
  }
}
