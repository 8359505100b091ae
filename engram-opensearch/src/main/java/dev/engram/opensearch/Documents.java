package dev.engram.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.index.IndexRecord;
import dev.engram.knowledge.KnowledgeRecords;
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
 *
 * <p>A record whose text starts with a title (a knowledge chunk's header, its length in {@link
 * KnowledgeRecords#HEADER}) also carries that title in {@code header}, which is not indexed
 * itself but copied into {@code text} ({@link Mappings}): BM25 then sees the title once more
 * than the text holds it, as engram-lucene indexes it, while {@code _source.text} stays the
 * record's text.
 */
final class Documents {
  static final String ID = "id";
  static final String TEXT = "text";
  static final String VECTOR = "vector";
  static final String KEYWORDS = "k";
  static final String LONGS = "l";
  /** The title repeated for BM25: copied into {@link #TEXT} at index time, never read back. */
  static final String HEADER = "header";
  /**
   * How many more times a record's title is indexed for BM25 than its text holds it: the value
   * of engram-lucene's {@code RecordDocuments.TITLE_REPEATS}, chosen on Cranfield and SciFact
   * train together (README "Retrieval, third round": BM25 nDCG@10 +0.0065 and +0.0047, hybrid
   * +0.0013 and +0.0006; twice more helped Cranfield and lowered SciFact hybrid), so both
   * backends score alike.
   */
  static final int TITLE_REPEATS = 1;

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
    int title = (int) Math.min(record.text().length(),
        record.longValue(KnowledgeRecords.HEADER).orElse(0L));
    if (title > 0) {
      ArrayNode header = source.putArray(HEADER);
      for (int i = 0; i < TITLE_REPEATS; i++) {
        header.add(record.text().substring(0, title));
      }
    }
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
