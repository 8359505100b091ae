package dev.engram.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the upstream answered, as far as the proxy remembers it: the assistant's text, the tools
 * it called, and why it stopped.
 *
 * @param text the content of the first choice ("" when it only called tools)
 * @param toolCalls the tool calls of the first choice, in order
 * @param finishReason {@code stop}, {@code length}, {@code tool_calls}...; empty when none came
 */
record AssistantReply(String text, List<ToolCall> toolCalls, Optional<String> finishReason) {
  /** One call of a tool: its name and its arguments as the model wrote them (JSON text). */
  record ToolCall(String name, String arguments) {}

  AssistantReply {
    toolCalls = List.copyOf(toolCalls);
  }

  /** The reply of a complete (not streamed) chat completion. */
  static AssistantReply of(JsonNode completion) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode call : message.path("tool_calls")) {
      calls.add(new ToolCall(call.path("function").path("name").asText(""),
          call.path("function").path("arguments").asText("")));
    }
    return new AssistantReply(message.path("content").asText(""), calls,
        choice.path("finish_reason").isTextual()
            ? Optional.of(choice.get("finish_reason").asText()) : Optional.empty());
  }

  /** True when the model called tools and said nothing. */
  boolean onlyToolCalls() {
    return text.isBlank() && !toolCalls.isEmpty();
  }

  /** The tool calls as one line for the episode log: {@code get_weather({"city":"Paris"})}. */
  String describeToolCalls() {
    return "called " + String.join("; ", toolCalls.stream()
        .map(c -> c.name() + "(" + c.arguments() + ")").toList());
  }
}
