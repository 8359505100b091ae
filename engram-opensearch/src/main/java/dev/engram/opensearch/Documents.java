package dev.engram.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.index.IndexRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an {@link IndexRecord} to the {@code _source} of an OpenSearch document and back: {@code
 * id}, {@code text}, {@code vector} (absent when the record has none), keyword fields under
 * {@code k.} and long fields under {@code l.}, so that a record's own field names can never
 * collide with the id, text or vector, and the index's dynamic templates type them without a
 * schema.
 */
final class Documents {
  static final String ID = "id";
  static final String TEXT = "text";
  static final String VECTOR = "vector";
  static final String KEYWORDS = "k";
  static final String LONGS = "l";

  private Documents() {}

  static String keywordField(String name) {
    return KEYWORDS + "." + name;
  }

  static String longField(String name) {
    return LONGS + "." + name;
  }

  static ObjectNode toSource(ObjectMapper json, IndexRecord record) {
    ObjectNode source = json.createObjectNode();
    source.put(ID, record.id());
    source.put(TEXT, record.text());
    if (record.hasVector()) {
      ArrayNode vector = source.putArray(VECTOR);
      for (float x : record.vector()) {
        vector.add(x);
      }
    }
    ObjectNode keywords = source.putObject(KEYWORDS);
    record.keywords().forEach((name, values) -> {
      ArrayNode array = keywords.putArray(name);
      values.forEach(array::add);
    });
    ObjectNode longs = source.putObject(LONGS);
    record.longs().forEach(longs::put);
    return source;
  }

  /** The record of a {@code _source}; its vector is empty when the source left it out. */
  static IndexRecord toRecord(JsonNode source) {
    float[] vector = new float[0];
    JsonNode v = source.path(VECTOR);
    if (v.isArray()) {
      vector = new float[v.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = (float) v.get(i).asDouble();
      }
    }
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = source.path(KEYWORDS).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      List<String> values = new ArrayList<>();
      if (field.getValue().isArray()) {
        field.getValue().forEach(value -> values.add(value.asText()));
      } else {
        values.add(field.getValue().asText());
      }
      keywords.put(field.getKey(), List.copyOf(values));
    }
    Map<String, Long> longs = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = source.path(LONGS).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      longs.put(field.getKey(), field.getValue().asLong());
    }
    return new IndexRecord(source.path(ID).asText(), source.path(TEXT).asText(), vector, keywords,
        longs);
  }
}
