package dev.engram.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.common.VectorSpace;

/**
 * The settings and mapping of the OpenSearch indexes Engram creates: one per collection, and the
 * {@code PREFIX.meta} index whose mapping records the vector space.
 *
 * <ul>
 *   <li>BM25 with k1=0.9, b=0.4 and the {@code english} analyzer, as the embedded index scores;
 *   <li>{@code header} (a chunk's title) kept in {@code _source} but not indexed on its own:
 *       {@code copy_to} adds it to {@code text}, so BM25 counts a title word once more, as the
 *       embedded index does ({@link Documents#TITLE_REPEATS});
 *   <li>a {@code knn_vector} on the {@code lucene} engine (no native library), HNSW with M=16 and
 *       ef_construction=50, the graph shape engram-lucene chose by measurement (see {@code
 *       LuceneOptions}), in cosine space;
 *   <li>{@code refresh_interval: -1}: only Engram's own refresh after a batch makes it visible,
 *       so a search never sees half a batch on a shard;
 *   <li>{@code translog.durability: request}: an acknowledged write is fsync'd on every copy;
 *   <li>{@code merge.policy.expunge_deletes_allowed: 0}: {@code _forcemerge?only_expunge_deletes}
 *       then rewrites every segment holding a deleted record (the default 10% would leave some).
 * </ul>
 */
final class Mappings {
  static final String SIMILARITY = "engram_bm25";

  private Mappings() {}

  static ObjectNode collectionIndex(ObjectMapper json, VectorSpace space, Endpoint endpoint) {
    ObjectNode body = json.createObjectNode();
    settings(body, endpoint).put("knn", true)
        .putObject("similarity").putObject(SIMILARITY)
        .put("type", "BM25").put("k1", 0.9).put("b", 0.4);
    ObjectNode mappings = body.putObject("mappings");
    meta(mappings, space);
    mappings.putArray("dynamic_templates")
        .add(template(json, "keywords", Documents.KEYWORDS + ".*", "keyword"))
        .add(template(json, "longs", Documents.LONGS + ".*", "long"));
    ObjectNode properties = mappings.putObject("properties");
    properties.putObject(Documents.ID).put("type", "keyword");
    properties.putObject(Documents.TEXT).put("type", "text").put("analyzer", "english")
        .put("similarity", SIMILARITY);
    properties.set(Documents.HEADER, header(json));
    ObjectNode vector = properties.putObject(Documents.VECTOR).put("type", "knn_vector")
        .put("dimension", space.dimension());
    vector.putObject("method").put("name", "hnsw").put("engine", "lucene")
        .put("space_type", "cosinesimil")
        .putObject("parameters").put("m", 16).put("ef_construction", 50);
    properties.putObject(Documents.KEYWORDS).put("type", "object");
    properties.putObject(Documents.LONGS).put("type", "object");
    return body;
  }

  /**
   * The mapping of {@link Documents#HEADER}: text that is not indexed itself ({@code index:
   * false}) and is copied into {@link Documents#TEXT}, where it is analysed as the text is. An
   * index created before it existed gets it added ({@code PUT _mapping}, which accepts a new
   * field), so that a title written there is never mapped by guess as a field of its own.
   */
  static ObjectNode header(ObjectMapper json) {
    return json.createObjectNode().put("type", "text").put("index", false)
        .put("copy_to", Documents.TEXT);
  }

  static ObjectNode metaIndex(ObjectMapper json, VectorSpace space, Endpoint endpoint) {
    ObjectNode body = json.createObjectNode();
    settings(body, endpoint);
    ObjectNode mappings = body.putObject("mappings").put("dynamic", false);
    meta(mappings, space);
    return body;
  }

  /**
   * The guard index ({@link Guards}): one document per guard key; only {@code pending} is
   * indexed, the journaled batch is kept in {@code _source} alone. One shard, so that its
   * sequence numbers order every commit of the index.
   */
  static ObjectNode guardIndex(ObjectMapper json, Endpoint endpoint) {
    ObjectNode body = json.createObjectNode();
    settings(body, endpoint).put("number_of_shards", 1);
    body.putObject("mappings").put("dynamic", false).putObject("properties")
        .putObject("pending").put("type", "boolean");
    return body;
  }

  private static ObjectNode settings(ObjectNode body, Endpoint endpoint) {
    return body.putObject("settings").putObject("index")
        .put("number_of_shards", endpoint.shards())
        .put("number_of_replicas", endpoint.replicas())
        .put("refresh_interval", "-1")
        .put("translog.durability", "request")
        .put("merge.policy.expunge_deletes_allowed", 0);
  }

  private static void meta(ObjectNode mappings, VectorSpace space) {
    mappings.putObject("_meta").putObject("engram")
        .put("model", space.model()).put("dimension", space.dimension());
  }

  private static ObjectNode template(ObjectMapper json, String name, String path, String type) {
    ObjectNode t = json.createObjectNode();
    t.putObject(name).put("path_match", path).putObject("mapping").put("type", type);
    return t;
  }
}
