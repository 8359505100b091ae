package dev.engram.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.common.VectorSpace;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.knowledge.KnowledgeRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A chunk's title counts twice for BM25 on a real node, as on the embedded index, while the
 * stored text stays the record's; and an index created before the title field existed gains it
 * without losing its records.
 */
@ExtendWith(OpenSearchNode.class)
class TitleRepeatsIT {
  private static final VectorSpace SPACE = new VectorSpace("test-model", 4);
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Two chunks with the same words, "turbine" in the title of one and in the text of the other:
   * without the repeat both hold it once in five analysed words and score the same.
   */
  private static final String IN_TITLE_HEADER = "Turbine notes\n\n";
  private static final String IN_TITLE = IN_TITLE_HEADER + "blades checked yearly";
  private static final String IN_TEXT_HEADER = "Blade notes\n\n";
  private static final String IN_TEXT = IN_TEXT_HEADER + "turbine checked yearly";

  private static IndexRecord chunk(String id, String text, int header) {
    return new IndexRecord(id, text, new float[] {1, 0, 0, 0}, Map.of(),
        header > 0 ? Map.of(KnowledgeRecords.HEADER, (long) header) : Map.of());
  }

  /** Records without the word, so that its idf is what a real collection gives it. */
  private static List<IndexRecord> others() {
    List<IndexRecord> others = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      others.add(chunk("other-" + i, "Pumps\n\nvalves opened daily number " + i, "Pumps\n\n".length()));
    }
    return others;
  }

  private static float score(List<IndexHit> hits, String id) {
    return hits.stream().filter(h -> h.record().id().equals(id)).findFirst().orElseThrow().score();
  }

  @Test
  void should_rank_a_chunk_higher_when_a_query_word_is_in_its_title_than_in_its_text_only() {
    try (OpenSearchIndex index = OpenSearchIndex.open(IndexConfig.of(OpenSearchNode.uri("titles"), SPACE))) {
      List<IndexRecord> records = new ArrayList<>(others());
      records.add(chunk("in-title", IN_TITLE, IN_TITLE_HEADER.length()));
      records.add(chunk("in-text", IN_TEXT, IN_TEXT_HEADER.length()));
      // The control: the same texts without a header length are plain text.
      records.add(chunk("plain-title", IN_TITLE, 0));
      records.add(chunk("plain-text", IN_TEXT, 0));
      index.write(WriteBatch.builder().upsert(KnowledgeRecords.CHUNKS, records).build());
      Collection chunks = index.collection(KnowledgeRecords.CHUNKS);

      List<IndexHit> hits = chunks.searchText("turbine", Filter.all(), 10);

      assertThat(hits).extracting(h -> h.record().id()).first().isEqualTo("in-title");
      assertThat(score(hits, "in-title")).isGreaterThan(score(hits, "in-text"));
      assertThat(score(hits, "plain-title")).isEqualTo(score(hits, "plain-text"));
      // Stored as given: the title is in the text once, and reads back nowhere else.
      assertThat(chunks.get("in-title").orElseThrow().text()).isEqualTo(IN_TITLE);
      assertThat(hits.getFirst().record().text()).isEqualTo(IN_TITLE);
      assertThat(((OpenSearchCollection) chunks).records(List.of("in-title")).getFirst().text())
          .isEqualTo(IN_TITLE);
      // A word of the text only is not helped: its twin with the word in the title scores the same.
      List<IndexHit> yearly = chunks.searchText("yearly", Filter.all(), 10);
      assertThat(score(yearly, "in-title")).isEqualTo(score(yearly, "in-text"));
    }
  }

  @Test
  void should_add_the_title_field_to_an_index_created_before_it_and_keep_its_records_searchable()
      throws Exception {
    String prefix = OpenSearchNode.prefix("older");
    String name = prefix + "-" + KnowledgeRecords.CHUNKS;
    try (OpenSearchIndex index = OpenSearchIndex.open(IndexConfig.of(OpenSearchNode.uri("older"), SPACE))) {
      // The index as the previous version created it: no header field; and a chunk it wrote.
      ObjectNode older = Mappings.collectionIndex(JSON, SPACE, Endpoint.of(
          IndexConfig.of(OpenSearchNode.uri("older"), SPACE)));
      ((ObjectNode) older.path("mappings").path("properties")).remove(Documents.HEADER);
      assertThat(OpenSearchNode.send("PUT", "/" + name, JSON.writeValueAsString(older)).statusCode())
          .isEqualTo(200);
      ObjectNode old = Documents.toSource(JSON, chunk("old", IN_TITLE, IN_TITLE_HEADER.length()));
      old.remove(Documents.HEADER);
      assertThat(OpenSearchNode.send("PUT", "/" + name + "/_doc/old?refresh=true",
          JSON.writeValueAsString(old)).statusCode()).isEqualTo(201);
      Collection chunks = index.collection(KnowledgeRecords.CHUNKS);

      List<IndexRecord> records = new ArrayList<>(others());
      records.add(chunk("new", IN_TITLE, IN_TITLE_HEADER.length()));
      index.write(WriteBatch.builder().upsert(KnowledgeRecords.CHUNKS, records).build());

      JsonNode header = JSON.readTree(OpenSearchNode.send("GET", "/" + name + "/_mapping").body())
          .path(name).path("mappings").path("properties").path(Documents.HEADER);
      assertThat(header.path("type").asText()).isEqualTo("text");
      assertThat(header.path("index").asBoolean(true)).isFalse();
      assertThat(header.path("copy_to").toString()).isEqualTo("[\"text\"]");
      // The old chunk keeps plain BM25 and its text; the same chunk written now has the repeat.
      List<IndexHit> hits = chunks.searchText("turbine", Filter.all(), 10);
      assertThat(hits).extracting(h -> h.record().id()).containsExactly("new", "old");
      assertThat(score(hits, "new")).isGreaterThan(score(hits, "old"));
      assertThat(chunks.get("old").map(IndexRecord::text)).isEqualTo(Optional.of(IN_TITLE));

      // Written again (as re-ingest does), it scores as the new one.
      index.write(WriteBatch.builder().upsert(KnowledgeRecords.CHUNKS,
          chunk("old", IN_TITLE, IN_TITLE_HEADER.length())).build());
      List<IndexHit> again = chunks.searchText("turbine", Filter.all(), 10);
      assertThat(score(again, "old")).isEqualTo(score(again, "new"));
    }
  }
}
