package dev.engram.models.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real OpenAI chat-completions server on 127.0.0.1 (random port) that answers each request with
 * the next step of a script and records what it received, for tests of chat clients.
 *
 * <p>Answers come as one JSON completion, or as server-sent events split into token deltas when
 * the request says {@code "stream": true}. When the script is empty the server answers 400 (or the
 * {@link #otherwise} text), so an unexpected extra call fails loudly.
 */
public final class ScriptedChatServer implements AutoCloseable {

  /** One request the server received: its method, path, Authorization header and JSON body. */
  public record Received(String method, String path, Optional<String> authorization, JsonNode body) {
    /** True when the client asked for a streamed answer. */
    public boolean streamed() {
      return body.path("stream").asBoolean(false);
    }
  }

  private sealed interface Step {}

  private record Answer(
      List<String> tokens, String finishReason, Duration delay, Duration tokenDelay,
      boolean complete) implements Step {}

  private record Status(int code, String body) implements Step {}

  private record Malformed(String body) implements Step {}

  private record ToolCall(String name, String arguments) implements Step {}

  private static final String PATH = "/v1/chat/completions";
  /** What {@code GET /v1/models} answers. */
  public static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"scripted-model\","
      + "\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"engram-tests\"}]}";

  private final ObjectMapper json = new ObjectMapper();
  private final Queue<Step> script = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;
  private volatile Optional<Step> otherwise = Optional.empty();

  private ScriptedChatServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server with an empty script; close it when done. */
  public static ScriptedChatServer start() {
    return new ScriptedChatServer();
  }

  /** The base URL to configure a client with, such as {@code http://127.0.0.1:41234/v1}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  /** Answers {@code text} (streamed word by word when asked to stream), finish reason "stop". */
  public ScriptedChatServer reply(String text) {
    return add(new Answer(words(text), "stop", Duration.ZERO, Duration.ZERO, true));
  }

  /** Answers with exactly these token deltas when streaming (their concatenation otherwise). */
  public ScriptedChatServer replyTokens(String... tokens) {
    return add(new Answer(List.of(tokens), "stop", Duration.ZERO, Duration.ZERO, true));
  }

  /** Answers {@code text} with finish reason "length", as when max_tokens cut it short. */
  public ScriptedChatServer replyCutAtLimit(String text) {
    return add(new Answer(words(text), "length", Duration.ZERO, Duration.ZERO, true));
  }

  /** Waits {@code delay} before answering {@code text}: use it to provoke a client timeout. */
  public ScriptedChatServer replyAfter(Duration delay, String text) {
    return add(new Answer(words(text), "stop", delay, Duration.ZERO, true));
  }

  /** Streams the tokens with {@code pause} between them: a stream that stalls. */
  public ScriptedChatServer replySlowly(Duration pause, String... tokens) {
    return add(new Answer(List.of(tokens), "stop", Duration.ZERO, pause, true));
  }

  /** Sends these tokens, then closes without a finish reason or {@code [DONE]} (half a JSON body when not streaming). */
  public ScriptedChatServer truncated(String... tokens) {
    return add(new Answer(List.of(tokens), "stop", Duration.ZERO, Duration.ZERO, false));
  }

  /**
   * Answers with one call of tool {@code name} with {@code arguments} (JSON text) and no content,
   * finish reason "tool_calls"; streamed as OpenAI does, the arguments in two pieces.
   */
  public ScriptedChatServer replyToolCall(String name, String arguments) {
    return add(new ToolCall(name, arguments));
  }

  /** Answers with this HTTP status and body (an OpenAI error object is a good body). */
  public ScriptedChatServer status(int code, String body) {
    return add(new Status(code, body));
  }

  /** Answers 200 with this body as {@code application/json}, whatever it is. */
  public ScriptedChatServer malformed(String body) {
    return add(new Malformed(body));
  }

  /** Answers {@code text} to every request once the script is used up. */
  public ScriptedChatServer otherwise(String text) {
    otherwise = Optional.of(new Answer(words(text), "stop", Duration.ZERO, Duration.ZERO, true));
    return this;
  }

  /** The requests received so far, in order. */
  public List<Received> requests() {
    return List.copyOf(received);
  }

  /** The body of the last request received; fails when there was none. */
  public JsonNode lastBody() {
    if (received.isEmpty()) {
      throw new IllegalStateException("the scripted chat server has received no request");
    }
    return received.getLast().body();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private ScriptedChatServer add(Step step) {
    script.add(step);
    return this;
  }

  private static List<String> words(String text) {
    return Arrays.asList(text.split("(?<= )"));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/v1/models") && exchange.getRequestMethod().equals("GET")) {
        received.add(new Received("GET", path,
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")), MissingNode.getInstance()));
        send(exchange, 200, MODELS);
        return;
      }
      if (!path.equals(PATH) || !exchange.getRequestMethod().equals("POST")) {
        send(exchange, 404, error("Unknown request URL: " + exchange.getRequestMethod() + " " + path));
        return;
      }
      Received request =
          new Received(
              exchange.getRequestMethod(),
              path,
              Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
              parse(raw));
      received.add(request);
      Step step = Optional.ofNullable(script.poll()).or(() -> otherwise).orElse(null);
      switch (step) {
        case null -> send(exchange, 400, error("ScriptedChatServer: no scripted reply left for request " + received.size()));
        case Status s -> send(exchange, s.code(), s.body());
        case Malformed m -> send(exchange, 200, m.body());
        case Answer a -> answer(exchange, request, a);
        case ToolCall t -> toolCall(exchange, request, t);
      }
    } catch (IOException e) {
      // The client went away (it timed out or gave up): nothing left to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void answer(HttpExchange exchange, Received request, Answer answer)
      throws IOException, InterruptedException {
    Thread.sleep(answer.delay());
    String model = request.body().path("model").asText("scripted");
    int promptTokens = promptTokens(request.body());
    if (!request.streamed()) {
      ObjectNode body = completion(model, String.join("", answer.tokens()), answer.finishReason(),
          promptTokens, answer.tokens().size());
      String text = json.writeValueAsString(body);
      send(exchange, 200, answer.complete() ? text : text.substring(0, text.length() / 2));
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    event(out, chunk(model, Optional.of(""), Optional.empty()));
    for (int i = 0; i < answer.tokens().size(); i++) {
      if (i > 0) {
        Thread.sleep(answer.tokenDelay());
      }
      event(out, chunk(model, Optional.of(answer.tokens().get(i)), Optional.empty()));
    }
    if (!answer.complete()) {
      return;
    }
    event(out, chunk(model, Optional.empty(), Optional.of(answer.finishReason())));
    if (request.body().path("stream_options").path("include_usage").asBoolean(false)) {
      ObjectNode usage = json.createObjectNode().put("id", "chatcmpl-scripted");
      usage.putArray("choices");
      usage.set("usage", usage(promptTokens, answer.tokens().size()));
      event(out, usage);
    }
    write(out, "data: [DONE]\n\n");
  }

  private void toolCall(HttpExchange exchange, Received request, ToolCall call) throws IOException {
    String model = request.body().path("model").asText("scripted");
    if (!request.streamed()) {
      ObjectNode root = json.createObjectNode();
      root.put("id", "chatcmpl-scripted").put("object", "chat.completion").put("created", 1700000000).put("model", model);
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "tool_calls");
      ObjectNode message = choice.putObject("message").put("role", "assistant").putNull("content");
      ObjectNode tool = message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function");
      tool.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      root.set("usage", usage(promptTokens(request.body()), 1));
      send(exchange, 200, json.writeValueAsString(root));
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    int half = call.arguments().length() / 2;
    for (int i = 0; i < 2; i++) {
      ObjectNode root = json.createObjectNode();
      root.put("id", "chatcmpl-scripted").put("object", "chat.completion.chunk").put("created", 1700000000).put("model", model);
      ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
      ObjectNode tool = choice.putObject("delta").putArray("tool_calls").addObject().put("index", 0);
      if (i == 0) {
        tool.put("id", "call_1").put("type", "function");
        tool.putObject("function").put("name", call.name()).put("arguments", call.arguments().substring(0, half));
      } else {
        tool.putObject("function").put("arguments", call.arguments().substring(half));
      }
      choice.putNull("finish_reason");
      event(out, root);
    }
    ObjectNode last = json.createObjectNode();
    last.put("id", "chatcmpl-scripted").put("object", "chat.completion.chunk").put("created", 1700000000).put("model", model);
    last.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls").putObject("delta");
    event(out, last);
    write(out, "data: [DONE]\n\n");
  }

  /** One stream chunk: a content delta, or the closing chunk with its finish reason. */
  private ObjectNode chunk(String model, Optional<String> content, Optional<String> finishReason) {
    ObjectNode root = json.createObjectNode();
    root.put("id", "chatcmpl-scripted").put("object", "chat.completion.chunk").put("model", model);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    content.ifPresent(text -> delta.put("role", "assistant").put("content", text));
    finishReason.ifPresentOrElse(
        reason -> choice.put("finish_reason", reason), () -> choice.putNull("finish_reason"));
    return root;
  }

  private void event(OutputStream out, ObjectNode root) throws IOException {
    write(out, "data: " + json.writeValueAsString(root) + "\n\n");
  }

  private ObjectNode completion(String model, String text, String finishReason, int prompt, int completion) {
    ObjectNode root = json.createObjectNode();
    root.put("id", "chatcmpl-scripted").put("object", "chat.completion").put("model", model);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", finishReason);
    choice.putObject("message").put("role", "assistant").put("content", text);
    root.set("usage", usage(prompt, completion));
    return root;
  }

  private ObjectNode usage(int prompt, int completion) {
    return json.createObjectNode()
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  /** Words in the request's messages: a stand-in for a tokenizer, good enough to assert on. */
  private static int promptTokens(JsonNode body) {
    int count = 0;
    for (JsonNode message : body.path("messages")) {
      String content = message.path("content").asText("").strip();
      count += content.isEmpty() ? 0 : content.split("\\s+").length;
    }
    return count;
  }

  private String error(String message) throws IOException {
    ObjectNode root = json.createObjectNode();
    root.putObject("error").put("message", message).put("type", "invalid_request_error");
    return json.writeValueAsString(root);
  }

  private JsonNode parse(String raw) {
    try {
      return json.readTree(raw);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  private static void send(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
