package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents' metadata on search hits, and {@code POST /v1/documents/delete} by metadata: only the
 * matching documents of the key's tenant and the named knowledge base go; bad input is refused.
 */
class MetadataDeletesIT {
  @TempDir static Path tmp;
  static Served served;
  static Http http;
  static String key;
  static String otherTenant;

  @BeforeAll
  static void start() {
    served = Served.fake(tmp.resolve("data"));
    http = served.http;
    key = served.keyFor("acme");
    otherTenant = served.keyFor("globex");
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  private static void add(String key, String id, String kb, Map<String, Object> metadata) {
    Http.Response r = http.post("/v1/documents", key, Map.of("id", id, "kb", kb,
        "text", "The warranty of the " + id + " model lasts two years.", "metadata", metadata));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private static List<String> ids(String key, String kb) {
    JsonNode hits = http.post("/v1/search", key, Map.of("query", "warranty", "kb", List.of(kb), "top_k", 20))
        .json().get("results");
    List<String> out = new ArrayList<>();
    hits.forEach(h -> out.add(h.get("document_id").asText()));
    return out;
  }

  @Test
  void should_return_metadata_on_hits_and_delete_only_the_matching_documents() {
    add(key, "a1", "shop", Map.of("lang", "en", "year", 2024));
    add(key, "a2", "shop", Map.of("lang", "en", "year", 2025));
    add(key, "a3", "shop", Map.of("lang", "de", "year", 2024));
    add(key, "a4", "other", Map.of("lang", "en", "year", 2024));
    add(otherTenant, "a1", "shop", Map.of("lang", "en", "year", 2024));

    JsonNode hit = http.post("/v1/search", key, Map.of("query", "warranty a3 model", "kb", List.of("shop"),
        "filters", Map.of("lang", "de"))).json().get("results").get(0);
    assertThat(hit.get("metadata").get("lang").asText()).isEqualTo("de");
    assertThat(hit.get("metadata").get("year").asText()).isEqualTo("2024");
    assertThat(hit.get("metadata").has("tenant")).isFalse();

    Http.Response deleted = http.post("/v1/documents/delete", key,
        Map.of("kb", "shop", "filters", Map.of("lang", "en", "year", 2024)));
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().get("deleted")).extracting(JsonNode::asText).containsExactly("a1");
    assertThat(ids(key, "shop")).containsExactlyInAnyOrder("a2", "a3");
    assertThat(ids(key, "other")).containsExactly("a4");
    assertThat(ids(otherTenant, "shop")).containsExactly("a1");
    assertThat(http.get("/v1/documents/a1?kb=shop", key).status()).isEqualTo(404);
  }

  @Test
  void should_refuse_a_delete_without_filters_an_empty_one_or_a_nested_value() {
    Http.Response missing = http.post("/v1/documents/delete", key, Map.of("kb", "shop"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.code()).isEqualTo("ENGRAM-902");
    Http.Response empty = http.post("/v1/documents/delete", key, Map.of("filters", Map.of()));
    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.code()).isEqualTo("ENGRAM-952");
    Http.Response nested = http.post("/v1/documents/delete", key, Map.of("filters", Map.of("lang", List.of("en"))));
    assertThat(nested.status()).isEqualTo(400);
    assertThat(nested.code()).isEqualTo("ENGRAM-901");
    assertThat(http.post("/v1/documents/delete", Served.ADMIN_KEY, Map.of("filters", Map.of("a", "b"))).status())
        .isEqualTo(403);
  }
}
