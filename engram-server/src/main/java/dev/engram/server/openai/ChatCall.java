package dev.engram.server.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A chat-completions request as the client sent it: its exact bytes, the fields the proxy reads
 * (messages, model, stream, user, the reply's token limit) and where in the bytes a message or a
 * model name goes. The upstream gets these bytes with only the proxy's edits spliced in, so every
 * other field (tools, tool_choice, response_format, unknown ones) and every number reaches it
 * exactly as written.
 *
 * @param raw the body as received
 * @param root the body as a tree, to read from (never re-serialised for the upstream)
 * @param messages the messages, in order
 * @param messageStarts byte offset in {@code raw} where each message begins
 * @param modelSpan byte offsets [start, end) of the {@code model} string, when there is one
 * @param objectStart byte offset of the body's opening brace
 */
record ChatCall(byte[] raw, ObjectNode root, List<JsonNode> messages, List<Long> messageStarts,
    Optional<long[]> modelSpan, long objectStart) {
  /** The code of a body that is not a chat-completions request. */
  static final String BAD_REQUEST = "ENGRAM-960";
  private static final Set<String> SYSTEM_ROLES = Set.of("system", "developer");
  /** Reads one value in the middle of the body (the strict mapper would call the rest trailing). */
  private static final ObjectReader VALUE = Json.mapper().reader()
      .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Reads {@code raw}.
   *
   * @throws ApiException 400 (ENGRAM-900) when it is not JSON, (ENGRAM-960) when it is JSON but
   *     not a chat-completions request
   */
  static ChatCall parse(byte[] raw) {
    if (raw.length == 0) {
      throw new ApiException(400, ErrorCodes.MALFORMED_JSON, "the request body is empty: send a"
          + " chat completion request, {\"model\": ..., \"messages\": [...]}");
    }
    try (JsonParser p = Json.mapper().getFactory().createParser(raw)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad("(body)", "the request body must be a JSON object");
      }
      long objectStart = p.currentTokenLocation().getByteOffset();
      ObjectNode root = Json.mapper().createObjectNode();
      List<JsonNode> messages = new ArrayList<>();
      List<Long> starts = new ArrayList<>();
      Optional<long[]> model = Optional.empty();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("messages") && value == JsonToken.START_ARRAY) {
          messages.clear();
          starts.clear();
          ArrayNode array = root.putArray("messages");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            starts.add(p.currentTokenLocation().getByteOffset());
            JsonNode m = VALUE.readTree(p);
            messages.add(m);
            array.add(m);
          }
        } else if (name.equals("model") && value == JsonToken.VALUE_STRING) {
          long start = p.currentTokenLocation().getByteOffset();
          root.put(name, p.getText());
          model = Optional.of(new long[] {start, stringEnd(raw, start)});
        } else {
          root.set(name, VALUE.readTree(p));
          if (name.equals("model")) {
            model = Optional.empty();
          }
        }
      }
      if (p.nextToken() != null) {
        throw new ApiException(400, ErrorCodes.MALFORMED_JSON,
            "the request body has more after its JSON object: send one object");
      }
      ChatCall call = new ChatCall(raw, root, List.copyOf(messages), List.copyOf(starts), model,
          objectStart);
      call.check();
      return call;
    } catch (JacksonException e) {
      throw new ApiException(400, ErrorCodes.MALFORMED_JSON, "the request body is not valid JSON ("
          + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new ApiException(400, ErrorCodes.MALFORMED_JSON, "the request body could not be read: " + e.getMessage());
    }
  }

  private void check() {
    if (!root.has("messages")) {
      throw bad("messages", "field 'messages' is required: the conversation, [{\"role\": \"user\","
          + " \"content\": \"...\"}]");
    }
    if (!root.get("messages").isArray() || messages.isEmpty()) {
      throw bad("messages", "field 'messages' must be a non-empty array of messages");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (!m.isObject() || !m.path("role").isTextual()) {
        throw bad("messages[" + i + "]", "messages[" + i + "] must be an object with a 'role'"
            + " (system, developer, user, assistant or tool)");
      }
    }
    if (root.has("stream") && !root.get("stream").isBoolean()) {
      throw bad("stream", "field 'stream' must be true or false");
    }
    if (root.has("user") && !root.get("user").isTextual()) {
      throw bad("user", "field 'user' must be a string (the end user's id)");
    }
    for (String limit : List.of("max_tokens", "max_completion_tokens")) {
      if (root.hasNonNull(limit) && (!root.get(limit).canConvertToInt() || root.get(limit).asInt() < 1)) {
        throw bad(limit, "field '" + limit + "' must be a positive integer");
      }
    }
    if (root.has("model") && !root.get("model").isTextual()) {
      throw bad("model", "field 'model' must be a string");
    }
  }

  static ApiException bad(String field, String message) {
    return new ApiException(400, BAD_REQUEST, message, Optional.of(field));
  }

  /** True when the client asked for server-sent events. */
  boolean stream() {
    return root.path("stream").asBoolean(false);
  }

  /** The client's model, when it named one. */
  Optional<String> model() {
    return root.path("model").isTextual() ? Optional.of(root.get("model").asText()) : Optional.empty();
  }

  /** The body's {@code user} field. */
  Optional<String> user() {
    return root.path("user").isTextual() ? Optional.of(root.get("user").asText()) : Optional.empty();
  }

  /** The token limit of the reply ({@code max_completion_tokens}, else {@code max_tokens}). */
  OptionalInt replyLimit() {
    for (String limit : List.of("max_completion_tokens", "max_tokens")) {
      if (root.hasNonNull(limit)) {
        return OptionalInt.of(root.get(limit).asInt());
      }
    }
    return OptionalInt.empty();
  }

  /**
   * Where Engram's system message goes: after the client's leading system (and developer)
   * messages, before the conversation. Being before the first other message, it can never fall
   * between an assistant message with tool calls and the tool results that answer it.
   */
  int insertAt() {
    int i = 0;
    while (i < messages.size() && SYSTEM_ROLES.contains(role(i))) {
      i++;
    }
    return i;
  }

  String role(int i) {
    return messages.get(i).path("role").asText();
  }

  /** The index of the last user message, when there is one. */
  OptionalInt lastUser() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (role(i).equals("user")) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** True when the last message is the user's: a new question, not a tool result to act on. */
  boolean endsWithUser() {
    return role(messages.size() - 1).equals("user");
  }

  /** True when the conversation has turns before its last user message (beyond system ones). */
  boolean hasEarlierTurns() {
    return lastUser().orElse(0) > insertAt();
  }

  /** The text of message {@code i}: its string content, or its text parts joined. */
  String text(int i) {
    JsonNode content = messages.get(i).path("content");
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder s = new StringBuilder();
    for (JsonNode part : content) {
      if (part.path("type").asText().equals("text") && part.path("text").isTextual()) {
        s.append(s.isEmpty() ? "" : "\n").append(part.get("text").asText());
      }
    }
    return s.toString();
  }

  /**
   * The body for the upstream: the client's bytes with {@code systemMessage} (a JSON object)
   * inserted at {@link #insertAt()} and the model set to {@code model} when given.
   */
  byte[] forUpstream(Optional<byte[]> systemMessage, Optional<String> model) {
    List<Edit> edits = new ArrayList<>();
    systemMessage.ifPresent(m -> {
      // A conversation of system messages only has no question, so it is never augmented.
      long at = messageStarts.get(insertAt());
      edits.add(new Edit(at, at, concat(m, ",")));
    });
    model.ifPresent(name -> {
      byte[] quoted = Json.write(name);
      modelSpan.ifPresentOrElse(
          span -> edits.add(new Edit(span[0], span[1], quoted)),
          () -> edits.add(new Edit(objectStart + 1, objectStart + 1,
              concat(concat("\"model\":".getBytes(StandardCharsets.UTF_8), quoted), ","))));
    });
    edits.sort(Comparator.comparingLong(Edit::from).reversed());
    byte[] out = raw;
    for (Edit e : edits) {
      ByteArrayOutputStream b = new ByteArrayOutputStream(out.length + e.bytes().length);
      b.write(out, 0, (int) e.from());
      b.writeBytes(e.bytes());
      b.write(out, (int) e.to(), out.length - (int) e.to());
      out = b.toByteArray();
    }
    return out;
  }

  /** Replace bytes [from, to) with {@code bytes}. */
  private record Edit(long from, long to, byte[] bytes) {}

  /** The offset just past the JSON string whose opening quote is at {@code start}. */
  private static long stringEnd(byte[] raw, long start) {
    for (int i = (int) start + 1; i < raw.length; i++) {
      if (raw[i] == '\\') {
        i++;
      } else if (raw[i] == '"') {
        return i + 1;
      }
    }
    throw new IllegalStateException("unterminated string the parser accepted");
  }

  private static byte[] concat(byte[] a, String b) {
    return concat(a, b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
