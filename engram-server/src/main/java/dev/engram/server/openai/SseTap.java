package dev.engram.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.server.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a chat-completions event stream as its bytes pass through, without holding them: each
 * {@code data:} line is parsed as it completes, and only the deltas of the first choice are kept
 * (content, tool-call names and argument pieces, the finish reason). A usage-only chunk (no
 * choices) is fine; {@code [DONE]} marks the end; an {@code error} object marks a failure.
 */
final class SseTap {
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final StringBuilder text = new StringBuilder();
  private final TreeMap<Integer, String[]> toolCalls = new TreeMap<>();
  private Optional<String> finishReason = Optional.empty();
  private Optional<String> error = Optional.empty();
  private boolean done;

  /** Takes the next bytes of the stream, in order. */
  void feed(byte[] buffer, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = buffer[i];
      if (b == '\n') {
        onLine(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else if (b != '\r') {
        line.write(b);
      }
    }
  }

  private void onLine(String l) {
    if (!l.startsWith("data:")) {
      return; // event names, ids, comments, blank separators
    }
    String data = l.substring(5).strip();
    if (data.equals("[DONE]")) {
      done = true;
      return;
    }
    JsonNode chunk;
    try {
      chunk = Json.mapper().readTree(data);
    } catch (IOException e) {
      error = Optional.of("a data line that is not JSON: " + (data.length() > 80 ? data.substring(0, 80) + "..." : data));
      return;
    }
    if (chunk.has("error")) {
      error = Optional.of(chunk.get("error").path("message").asText(chunk.get("error").toString()));
      return;
    }
    JsonNode choice = chunk.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    if (delta.path("content").isTextual()) {
      text.append(delta.get("content").asText());
    }
    for (JsonNode call : delta.path("tool_calls")) {
      String[] parts = toolCalls.computeIfAbsent(call.path("index").asInt(toolCalls.size()),
          k -> new String[] {"", ""});
      JsonNode function = call.path("function");
      parts[0] += function.path("name").asText("");
      parts[1] += function.path("arguments").asText("");
    }
    if (choice.path("finish_reason").isTextual()) {
      finishReason = Optional.of(choice.get("finish_reason").asText());
    }
  }

  /** True once the stream said it is whole: {@code [DONE]}, or a finish reason, and no error. */
  boolean complete() {
    return error.isEmpty() && (done || finishReason.isPresent());
  }

  /** The error the stream carried, when it carried one. */
  Optional<String> error() {
    return error;
  }

  /** What the deltas add up to. */
  AssistantReply reply() {
    List<AssistantReply.ToolCall> calls = new ArrayList<>();
    toolCalls.values().forEach(p -> calls.add(new AssistantReply.ToolCall(p[0], p[1])));
    return new AssistantReply(text.toString(), calls, finishReason);
  }
}
