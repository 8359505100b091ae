package dev.engram.server.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible LLM on 127.0.0.1 that answers at once with a fixed reply (streamed as
 * three deltas when asked), and lists one model. It stands in for the upstream where the proxy's
 * own cost is measured ({@link OverheadProbe}, {@code bench server}) or tried without an LLM:
 * {@code engram bench upstream --port 8421}.
 */
public final class InstantUpstream implements AutoCloseable {
  public static final String MODEL = "instant";
  private static final String COMPLETION = "{\"id\":\"chatcmpl-instant\",\"object\":\"chat.completion\","
      + "\"created\":1700000000,\"model\":\"instant\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
      + "\"assistant\",\"content\":\"Instant reply.\"},\"finish_reason\":\"stop\"}],\"usage\":"
      + "{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}";
  private static final String STREAM = chunk("{\"role\":\"assistant\",\"content\":\"Instant\"}", "null")
      + chunk("{\"content\":\" reply\"}", "null") + chunk("{\"content\":\".\"}", "null")
      + chunk("{}", "\"stop\"") + "data: [DONE]\n\n";
  private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"instant\",\"object\":"
      + "\"model\",\"created\":1700000000,\"owned_by\":\"engram\"}]}";

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;

  private InstantUpstream(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts one on {@code port} (0 picks a free one). */
  public static InstantUpstream start(int port) {
    return new InstantUpstream(port);
  }

  /** Its base URL, {@code http://127.0.0.1:PORT/v1}: the value for ENGRAM_LLM_BASE_URL. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"chatcmpl-instant\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
        + "\"model\":\"instant\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
        + finish + "}]}\n\n";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] request = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/v1/models")) {
        send(exchange, "application/json", MODELS);
      } else if (path.equals("/v1/chat/completions")) {
        // A streamed request says so near the start; this server reads no further.
        boolean stream = new String(request, StandardCharsets.UTF_8).replace(" ", "").contains("\"stream\":true");
        send(exchange, stream ? "text/event-stream" : "application/json", stream ? STREAM : COMPLETION);
      } else {
        byte[] body = "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}"
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  private static void send(HttpExchange exchange, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
