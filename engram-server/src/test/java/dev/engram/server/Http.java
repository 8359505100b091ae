package dev.engram.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A small JDK HttpClient wrapper for the server tests: JSON in, status and JSON out. */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Http(String base) {
    this.base = base;
  }

  /** One answer: status, content type, body text, and the body as JSON when it is JSON. */
  record Response(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String code() {
      return json().path("code").asText();
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
    }
  }

  Response get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  Response delete(String path, String key) {
    return send(request(path, key).DELETE().build());
  }

  Response post(String path, String key, Object body) {
    return raw("POST", path, key, "application/json", json(body));
  }

  Response put(String path, String key, Object body) {
    return raw("PUT", path, key, "application/json", json(body));
  }

  Response raw(String method, String path, String key, String contentType, byte[] body) {
    HttpRequest.Builder b = request(path, key).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  /** A multipart upload of one file plus form fields. */
  Response upload(String key, String filename, byte[] content, Map<String, String> fields) {
    String boundary = "b" + UUID.randomUUID();
    var out = new java.io.ByteArrayOutputStream();
    try {
      for (var f : fields.entrySet()) {
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
            + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
          + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return raw("POST", "/v1/documents", key, "multipart/form-data; boundary=" + boundary, out.toByteArray());
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static byte[] json(Object body) {
    try {
      return body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }
}
