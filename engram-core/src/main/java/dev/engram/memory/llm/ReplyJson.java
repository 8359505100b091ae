package dev.engram.memory.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a model's reply as one JSON object, strictly, or reports why it is not one. */
final class ReplyJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ReplyJson() {}

  /**
   * The JSON object of {@code reply}. A Markdown code fence around it is removed, because some
   * servers add one even in JSON mode; anything else around the object makes the reply invalid.
   */
  static JsonNode object(String reply) {
    String text = reply.strip();
    if (text.startsWith("```")) {
      int start = text.indexOf('\n');
      int end = text.lastIndexOf("```");
      text = start < 0 || end <= start ? "" : text.substring(start + 1, end).strip();
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw InvalidReply.of("not JSON (" + e.getOriginalMessage() + "): " + excerpt(reply));
    }
    if (root == null || !root.isObject()) {
      throw InvalidReply.of("not a JSON object: " + excerpt(reply));
    }
    return root;
  }

  /** The non-blank string field {@code name}, at most {@code max} characters. */
  static String text(JsonNode node, String name, int max, String where) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw InvalidReply.of(where + " needs a non-empty string '" + name + "'");
    }
    String s = value.asText().strip();
    if (s.length() > max) {
      throw InvalidReply.of(where + " has a '" + name + "' longer than " + max + " characters");
    }
    return s;
  }

  static String excerpt(String reply) {
    String flat = reply.replaceAll("\\s+", " ").strip();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
  }
}
