package dev.engram.models.openai;

import dev.engram.common.Checks;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatModelConfig;
import dev.engram.chat.ChatRequest;
import dev.engram.chat.ChatResponse;
import dev.engram.models.openai.ChatCompletionJson.MalformedReply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A chat model behind any OpenAI-compatible {@code /chat/completions} endpoint (OpenAI, Ollama,
 * vLLM, llama.cpp server, LM Studio), over the JDK HTTP client.
 *
 * <p>Connection errors, 429 and 5xx replies are retried up to {@link ChatModelConfig#maxRetries()}
 * times, waiting 200 ms, 400 ms, 800 ms... in between; other errors fail at once. A stream is only
 * retried while it has delivered no token, so the caller never sees a token twice. Thread-safe.
 */
public final class OpenAiChatModel implements ChatModel {
  private static final System.Logger LOG = System.getLogger(OpenAiChatModel.class.getName());
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final ChatModelConfig config;
  private final URI endpoint;
  private final HttpClient http;
  private final ChatCompletionJson json = new ChatCompletionJson();
  private final ChatFailures failures;
  private final SseReader sse;

  public OpenAiChatModel(ChatModelConfig config) {
    this.config = Checks.notNull(config, "config");
    this.endpoint = URI.create(config.baseUrl() + "/chat/completions");
    this.failures = new ChatFailures(config);
    this.sse = new SseReader(json, failures);
    // HTTP/1.1: local servers (Ollama, llama.cpp) do not speak h2c, and SSE needs nothing more.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .build();
  }

  public ChatModelConfig config() {
    return config;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    Checks.notNull(request, "request");
    long start = System.nanoTime();
    String payload = json.requestBody(config.model(), request, false);
    return withRetries(
        () -> {
          HttpResponse<InputStream> response = send(payload);
          String reply;
          try (InputStream body = response.body();
              IdleWatchdog watchdog = new IdleWatchdog(body, config.timeout())) {
            try {
              reply = new String(watchdog.stream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
              if (watchdog.fired()) {
                throw failures.timeout(e);
              }
              throw new RetryableFailure(failures.cutOff("", e));
            }
          } catch (IOException e) {
            throw failures.cutOff("", e); // closing the body failed
          }
          try {
            return json.completion(reply, millisSince(start));
          } catch (MalformedReply e) {
            throw failures.malformed(e.getMessage());
          }
        });
  }

  @Override
  public ChatResponse stream(ChatRequest request, Consumer<String> onToken) {
    Checks.notNull(request, "request");
    Checks.notNull(onToken, "onToken");
    long start = System.nanoTime();
    String payload = json.requestBody(config.model(), request, true);
    return withRetries(
        () -> {
          HttpResponse<InputStream> response = send(payload);
          try (InputStream body = response.body();
              IdleWatchdog watchdog = new IdleWatchdog(body, config.timeout());
              BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(watchdog.stream(), StandardCharsets.UTF_8))) {
            return sse.read(reader, onToken, start, watchdog::fired);
          } catch (IOException e) {
            throw failures.cutOff("", e); // closing the body failed; read() reports the rest
          }
        });
  }

  @Override
  public void close() {
    http.close();
  }

  /** Sends the request; returns a 2xx response with its body still to read. */
  private HttpResponse<InputStream> send(String body) throws RetryableFailure {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    config.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    HttpResponse<InputStream> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new RetryableFailure(failures.unreachable(e));
    } catch (HttpTimeoutException e) {
      throw failures.timeout(e);
    } catch (IOException e) {
      // The connection broke before an answer came: a restarting server, a reset. Worth a retry.
      throw new RetryableFailure(failures.unreachable(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failures.interrupted(e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response;
    }
    String detail = json.errorMessage(errorBody(response));
    switch (status) {
      case 401, 403 -> throw failures.unauthorized(status, detail);
      case 404 -> throw failures.notFound(detail);
      case 408, 429 -> throw new RetryableFailure(failures.serverFailing(status, detail));
      default -> {
        if (status >= 500) {
          throw new RetryableFailure(failures.serverFailing(status, detail));
        }
        throw failures.refused(status, detail);
      }
    }
  }

  private static String errorBody(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      return new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no body: " + e.getMessage() + ")";
    }
  }

  private <T> T withRetries(Attempt<T> attempt) {
    for (int tried = 0; ; tried++) {
      try {
        return attempt.run();
      } catch (RetryableFailure e) {
        if (tried >= config.maxRetries()) {
          throw e.failureAfter(tried + 1);
        }
        Duration wait = backoff(tried);
        LOG.log(
            System.Logger.Level.DEBUG,
            "chat endpoint {0} failed ({1}); retry {2} of {3} in {4} ms",
            endpoint, e.failure().getMessage(), tried + 1, config.maxRetries(), wait.toMillis());
        sleep(wait);
      }
    }
  }

  private static Duration backoff(int tried) {
    Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(tried, 16));
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  private void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failures.interrupted(e);
    }
  }

  static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }

  /** One try at a call; throws {@link RetryableFailure} when another try may succeed. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws RetryableFailure;
  }
}
