package dev.engram.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The HTTP half of the client: sends a request with the bearer key, reads a JSON reply into a
 * record, turns a problem reply into an {@link EngramClientException}, and reads server-sent events.
 */
final class Transport {
  static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(new Jdk8Module())
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // A newer server may add fields; an older client still reads the ones it knows.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .serializationInclusion(JsonInclude.Include.NON_ABSENT)
      .build();

  private final URI base;
  private final String key;
  private final Duration timeout;
  private final HttpClient http;

  Transport(URI base, String key, Duration timeout) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.key = key;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
        .timeout(timeout).header("Accept", "application/json");
    if (!key.isEmpty()) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("cannot write the request as JSON: " + e.getOriginalMessage(), e);
    }
  }

  <T> T get(String path, Class<T> type) {
    return send(request(path).GET().build(), JSON.constructType(type));
  }

  <T> T send(String method, String path, Object body, JavaType type) {
    return send(request(path).header("Content-Type", "application/json").method(method, json(body)).build(), type);
  }

  <T> T send(HttpRequest request, JavaType type) {
    HttpResponse<byte[]> r = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() >= 400) {
      throw problem(r.statusCode(), r.body(), request);
    }
    try {
      return JSON.readValue(r.body(), type);
    } catch (IOException e) {
      throw badReply(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), request, e);
    }
  }

  /**
   * Sends a request whose reply is a stream of server-sent events, and hands each event's name
   * and data to {@code onEvent} as it arrives.
   */
  void events(HttpRequest request, EventSink onEvent) {
    HttpResponse<Stream<String>> r = exchange(request, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = r.body()) {
      if (r.statusCode() >= 400) {
        byte[] body = String.join("\n", (Iterable<String>) lines::iterator).getBytes(StandardCharsets.UTF_8);
        throw problem(r.statusCode(), body, request);
      }
      String[] event = {"message"};
      StringBuilder data = new StringBuilder();
      lines.forEach(line -> {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            onEvent.accept(event[0], data.toString());
          }
          event[0] = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event[0] = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
        }
      });
    } catch (UncheckedIOException e) {
      throw unreachable(request, e.getCause());
    }
  }

  /** Receives one server-sent event. */
  @FunctionalInterface
  interface EventSink {
    void accept(String event, String data);
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (HttpTimeoutException e) {
      throw new EngramClientException(0, EngramClientException.TIMEOUT, "", "no reply from "
          + base + " within " + timeout.toMillis() + " ms (" + request.method() + " " + request.uri().getPath()
          + "): raise the client's timeout or check the server", Optional.empty(), e);
    } catch (IOException e) {
      throw unreachable(request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngramClientException(0, EngramClientException.UNREACHABLE, "",
          "interrupted while waiting for " + base, Optional.empty(), e);
    }
  }

  private EngramClientException unreachable(HttpRequest request, Throwable e) {
    String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
    return new EngramClientException(0, EngramClientException.UNREACHABLE, "", "cannot reach the Engram server at "
        + base + " (" + why + "): is `engram serve` running there, and is the URL right?",
        Optional.empty(), e);
  }

  /** The exception for an error reply: its problem fields, or what can be told of a body that is none. */
  static EngramClientException problem(int status, byte[] body, HttpRequest request) {
    try {
      JsonNode p = JSON.readTree(body);
      if (p != null && p.hasNonNull("code")) {
        // An error event of a stream comes after a 200: the problem's own status is the one that counts.
        return new EngramClientException(p.path("status").asInt(status), p.get("code").asText(), p.path("title").asText(""),
            p.path("detail").asText(""), Optional.ofNullable(p.get("field")).map(JsonNode::asText), null);
      }
    } catch (IOException e) {
      // not JSON: described below
    }
    return badReply(status, new String(body, StandardCharsets.UTF_8), request, null);
  }

  private static EngramClientException badReply(int status, String body, HttpRequest request, Throwable cause) {
    String shown = body.length() > 200 ? body.substring(0, 200) + "..." : body;
    return new EngramClientException(status, EngramClientException.BAD_REPLY, "", request.method() + " "
        + request.uri() + " got a reply that is not Engram's JSON (status " + status + "): " + shown
        + " -- is the URL that of an Engram server?", Optional.empty(), cause);
  }

  static <T> T read(String data, Class<T> type) {
    try {
      return JSON.readValue(data, type);
    } catch (IOException e) {
      throw new EngramClientException(200, EngramClientException.BAD_REPLY, "", "an event is not JSON: " + data,
          Optional.empty(), e);
    }
  }

}
