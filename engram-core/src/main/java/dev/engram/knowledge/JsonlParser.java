package dev.engram.knowledge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.common.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses JSON Lines in the BEIR corpus format, {@code {"_id", "title", "text", ...}}: one document
 * per non-blank line; further scalar fields (and the scalar fields of a {@code metadata} object)
 * become metadata. A malformed line fails the whole file with its line number.
 */
public final class JsonlParser implements Parser {
  private static final Set<String> RESERVED = Set.of("_id", "title", "text", "metadata");

  private final SourceReader reader;
  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  JsonlParser(SourceReader reader) {
    this.reader = reader;
  }

  @Override
  public List<Document> parse(Path file, SourceInfo info) {
    String content = reader.readText(file);
    String source = SingleFile.source(file, info);
    String path = file.toAbsolutePath().normalize().toString();
    List<Document> documents = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int lineNumber = 0;
    int from = 0;
    while (from < content.length()) {
      int newline = content.indexOf('\n', from);
      int to = newline < 0 ? content.length() : newline;
      lineNumber++;
      String line = content.substring(from, to);
      from = to + 1;
      if (line.isBlank()) {
        continue;
      }
      Document doc = document(file, path, lineNumber, line, source, info.metadata());
      if (!ids.add(doc.externalId())) {
        throw malformed(file, lineNumber, "_id \"" + doc.externalId() + "\" appears on an earlier line;"
            + " give each record a unique _id");
      }
      documents.add(doc);
    }
    return documents;
  }

  /**
   * The record on one line. Its document id is derived from the file's path and its {@code _id}
   * (see {@link Hashing#recordId}): an {@code _id} is unique only within its file, so the same
   * {@code _id} in another file, or equal to a file's id, never replaces another document.
   */
  private Document document(Path file, String path, int lineNumber, String line, String source,
      Map<String, String> baseMetadata) {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JacksonException e) {
      throw malformed(file, lineNumber, "invalid JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw malformed(file, lineNumber, "expected a JSON object");
    }
    String id = scalar(node.get("_id"));
    if (id == null || id.isBlank()) {
      throw malformed(file, lineNumber, "missing \"_id\"");
    }
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual()) {
      throw malformed(file, lineNumber, "missing string field \"text\" (record " + id + ")");
    }
    String title = scalar(node.get("title"));
    Map<String, String> metadata = new HashMap<>(baseMetadata);
    addScalars(node, metadata, RESERVED);
    if (node.get("metadata") instanceof JsonNode nested && nested.isObject()) {
      addScalars(nested, metadata, Set.of());
    }
    String body = text.asText();
    if (body.indexOf('\r') >= 0) {
      body = body.replace("\r\n", "\n").replace('\r', '\n');
    }
    return new Document(Hashing.recordId(path, id), id, source + "#" + id, title == null ? "" : title, KnowledgeRecords.JSONL,
        body, List.of(), List.of(), metadata);
  }

  private static void addScalars(JsonNode object, Map<String, String> into, Set<String> skip) {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String value = scalar(field.getValue());
      if (!skip.contains(field.getKey()) && value != null) {
        into.put(field.getKey(), value);
      }
    }
  }

  /** The text of a string, number or boolean node; null for anything else. */
  private static String scalar(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private static InvalidInputException malformed(Path file, int line, String what) {
    return new InvalidInputException(SourceErrors.MALFORMED_JSONL,
        "JSONL file " + file + " line " + line + ": " + what + ". Each line must be a JSON object"
            + " with \"_id\" and \"text\" (BEIR corpus format); fix or remove that line.");
  }
}
