package dev.engram.server.openai;

import dev.engram.chat.ChatModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The OpenAI-compatible LLM behind the proxy, over the JDK HTTP client: one request per call, no
 * retries (the client's SDK retries as it is configured to, and a retried stream would repeat
 * tokens). The client's Engram key is never sent; the upstream gets {@code ENGRAM_LLM_API_KEY}.
 */
final class Upstream implements AutoCloseable {
  private final ChatModelConfig config;
  private final HttpClient http;

  Upstream(ChatModelConfig config) {
    this.config = config;
    // HTTP/1.1: local servers (Ollama, llama.cpp) do not speak h2c, and SSE needs nothing more.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.timeout()).build();
  }

  String model() {
    return config.model();
  }

  /** How long the upstream may keep the proxy waiting: for the headers, and between reads. */
  Duration timeout() {
    return config.timeout();
  }

  /** Posts a chat completion; the response has its headers, its body is still to read. */
  HttpResponse<InputStream> chat(byte[] body) {
    HttpRequest.Builder b = request("/chat/completions")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    return send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Lists the upstream's models. */
  HttpResponse<byte[]> models() {
    return send(request("/models").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
        .timeout(config.timeout()).header("Accept", "application/json, text/event-stream");
    config.apiKey().ifPresent(key -> b.header("Authorization", "Bearer " + key));
    return b;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw UpstreamFailure.failed("cannot reach the LLM at " + config.baseUrl() + " (" + e
          + "): is it running? Check " + ChatModelConfig.BASE_URL_VAR, e);
    } catch (HttpTimeoutException e) {
      throw UpstreamFailure.timeout("the LLM at " + config.baseUrl() + " did not answer within "
          + config.timeout().toSeconds() + " s (" + ChatModelConfig.TIMEOUT_VAR + ")", e);
    } catch (IOException e) {
      throw UpstreamFailure.failed("the connection to the LLM at " + config.baseUrl()
          + " broke before it answered (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UpstreamFailure.failed("interrupted while waiting for the LLM at " + config.baseUrl(), e);
    }
  }

  /** Reads a whole body, failing when the upstream pauses longer than the timeout. */
  byte[] readAll(InputStream body) {
    try (InputStream in = body;
        dev.engram.models.openai.IdleWatchdog watchdog =
            new dev.engram.models.openai.IdleWatchdog(in, config.timeout())) {
      try {
        return watchdog.stream().readAllBytes();
      } catch (IOException e) {
        if (watchdog.fired()) {
          throw UpstreamFailure.timeout("the LLM at " + config.baseUrl() + " stopped sending its"
              + " reply for " + config.timeout().toSeconds() + " s (" + ChatModelConfig.TIMEOUT_VAR + ")", e);
        }
        throw UpstreamFailure.failed("the LLM at " + config.baseUrl() + " broke off its reply (" + e + ")", e);
      }
    } catch (IOException e) {
      throw UpstreamFailure.failed("closing the reply of the LLM failed (" + e + ")", e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
