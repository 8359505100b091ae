package dev.engram.models.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.chat.ChatMessage;
import dev.engram.chat.ChatRequest;
import dev.engram.chat.ChatResponse;
import java.util.Locale;
import java.util.Optional;

/** Writes chat-completions requests and reads their replies and stream chunks, in OpenAI's JSON. */
final class ChatCompletionJson {

  /** One parsed stream chunk; each part is absent when the chunk does not carry it. */
  record Chunk(
      Optional<String> content,
      Optional<String> finishReason,
      Optional<Usage> usage,
      Optional<String> error) {}

  /** Token counts as the server reported them. */
  record Usage(int promptTokens, int completionTokens) {}

  private static final int SNIPPET = 300;

  private final ObjectMapper json = new ObjectMapper();

  String requestBody(String model, ChatRequest request, boolean stream) {
    ObjectNode root = json.createObjectNode();
    root.put("model", model);
    ArrayNode messages = root.putArray("messages");
    for (ChatMessage message : request.messages()) {
      messages
          .addObject()
          .put("role", message.role().name().toLowerCase(Locale.ROOT))
          .put("content", message.content());
    }
    root.put("temperature", request.temperature());
    root.put("max_tokens", request.maxTokens());
    root.put("stream", stream);
    if (stream) {
      // Asks for a last chunk with token counts; servers that do not know it ignore it.
      root.putObject("stream_options").put("include_usage", true);
    }
    if (request.jsonMode()) {
      root.putObject("response_format").put("type", "json_object");
    }
    return root.toString();
  }

  /** Parses a whole completion, or says what was wrong with it. */
  ChatResponse completion(String body, long latencyMillis) throws MalformedReply {
    JsonNode root = tree(body);
    JsonNode choice = root.path("choices").path(0);
    if (!choice.isObject()) {
      throw new MalformedReply("it has no choices[0]", body);
    }
    JsonNode content = choice.path("message").path("content");
    if (!content.isTextual() && !content.isNull() && !content.isMissingNode()) {
      throw new MalformedReply("choices[0].message.content is not text", body);
    }
    Usage usage = usage(root.path("usage")).orElse(new Usage(0, 0));
    return new ChatResponse(
        content.asText(""),
        usage.promptTokens(),
        usage.completionTokens(),
        text(choice.path("finish_reason")).orElse("unknown"),
        latencyMillis);
  }

  /** Parses the JSON of one {@code data:} line of a stream. */
  Chunk chunk(String data) throws MalformedReply {
    JsonNode root = tree(data);
    JsonNode error = root.path("error");
    if (!error.isMissingNode() && !error.isNull()) {
      return new Chunk(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(message(error)));
    }
    JsonNode choice = root.path("choices").path(0);
    return new Chunk(
        text(choice.path("delta").path("content")),
        text(choice.path("finish_reason")),
        usage(root.path("usage")),
        Optional.empty());
  }

  /** The human part of an error reply: OpenAI's {@code error.message}, Ollama's {@code error}, or the body. */
  String errorMessage(String body) {
    try {
      JsonNode error = json.readTree(body).path("error");
      if (!error.isMissingNode() && !error.isNull()) {
        return message(error);
      }
    } catch (JacksonException e) {
      // Not JSON: an HTML page from a proxy, say. Show its start.
    }
    return snippet(body);
  }

  static String snippet(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "...";
  }

  private static String message(JsonNode error) {
    return error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
  }

  private JsonNode tree(String body) throws MalformedReply {
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !root.isObject()) {
        throw new MalformedReply("it is not a JSON object", body);
      }
      return root;
    } catch (JacksonException e) {
      throw new MalformedReply("it is not valid JSON (" + e.getOriginalMessage() + ")", body);
    }
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static Optional<Usage> usage(JsonNode node) {
    if (!node.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new Usage(
            Math.max(0, node.path("prompt_tokens").asInt(0)),
            Math.max(0, node.path("completion_tokens").asInt(0))));
  }

  /** A reply that is not the JSON the protocol promises. */
  static final class MalformedReply extends Exception {
    MalformedReply(String what, String body) {
      super(what + "; it began: " + snippet(body));
    }
  }
}
