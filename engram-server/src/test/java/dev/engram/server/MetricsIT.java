package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's figures in {@code /metrics} on a real server (the in-jar embedder, Lucene):
 * records per tenant and collection, time in the embedding model, LLM calls, resident memory.
 */
class MetricsIT {
  @TempDir Path tmp;

  @Test
  void should_report_records_per_tenant_embedding_time_and_resident_memory_when_scraped() {
    try (Served served = Served.real(tmp.resolve("data"))) {
      String acme = served.keyFor("acme");
      String globex = served.keyFor("globex");
      served.http.post("/v1/documents", acme, Map.of("text", "The fog horn sounds twice a minute.", "source", "fog.txt"));
      served.http.post("/v1/documents", acme, Map.of("text", "The lamp turns every ten seconds.", "source", "lamp.txt"));
      served.http.post("/v1/memories", globex, Map.of("user_id", "ann",
          "messages", List.of(Map.of("content", "I live in Paris."))));
      served.http.post("/v1/search", acme, Map.of("query", "how often does the horn sound"));

      String metrics = served.http.get("/metrics", null).body();
      assertThat(metrics)
          .contains("engram_tenant_records{collection=\"documents\",tenant=\"acme\"} 2.0")
          .contains("engram_tenant_records{collection=\"documents\",tenant=\"globex\"} 0.0")
          .contains("engram_tenant_records{collection=\"memories\",tenant=\"acme\"} 0.0")
          .containsPattern("engram_tenant_records\\{collection=\"memories\",tenant=\"globex\"} [1-9]")
          .containsPattern("engram_tenant_records\\{collection=\"episodes\",tenant=\"globex\"} 1.0")
          .containsPattern("engram_embedding_query_seconds_total [0-9.E-]+")
          .containsPattern("engram_embedding_queries_total [1-9]")
          .containsPattern("engram_embedding_documents_total [1-9]")
          .contains("engram_llm_calls_total 0.0")
          .contains("engram_llm_failures_total 0.0")
          .containsPattern("engram_process_resident_memory_bytes [1-9]")
          .containsPattern("engram_process_cpu_seconds_total [0-9]");
      assertThat(metrics).doesNotContain("engram_process_cpu_seconds_total 0.0\n");
      assertThat(metrics).doesNotContainPattern("engram_embedding_query_seconds_total 0\\.0\n");

      // A tenant whose key is created after the first scrape is there on the next one.
      served.keyFor("initech");
      assertThat(served.http.get("/metrics", null).body())
          .contains("engram_tenant_records{collection=\"chunks\",tenant=\"initech\"} 0.0"
              .replace("chunks", dev.engram.knowledge.KnowledgeRecords.CHUNKS));
    }
  }

  @Test
  void should_count_every_tenant_with_data_or_requests_when_it_has_no_key() {
    try (Served served = Served.fake(tmp.resolve("data"))) {
      // data written beside the server's API, as `engram ingest --tenant hooli` before a start: no key
      served.engine.engram().memories().log(dev.engram.common.Scope.ofTenant("hooli").withUser("ann"),
          List.of(dev.engram.memory.model.Message.of("ann", "I live in Paris.", java.time.Instant.parse("2024-01-01T00:00:00Z"))));
      // a tenant whose key is revoked after it wrote, and one that only searched before its key went
      String umbrella = served.keyFor("umbrella");
      served.http.post("/v1/documents", umbrella, Map.of("text", "The lamp turns every ten seconds.", "source", "lamp.txt"));
      String stark = served.keyFor("stark");
      served.http.post("/v1/search", stark, Map.of("query", "lamp"));
      for (var key : served.http.get("/v1/admin/keys", Served.ADMIN_KEY).json().get("results")) {
        served.http.delete("/v1/admin/keys/" + key.get("id").asText(), Served.ADMIN_KEY);
      }
      assertThat(served.http.get("/v1/admin/keys", Served.ADMIN_KEY).json().get("results")).isEmpty();

      assertThat(served.http.get("/metrics", null).body())
          .contains("engram_tenant_records{collection=\"episodes\",tenant=\"hooli\"} 1.0")
          .contains("engram_tenant_records{collection=\"documents\",tenant=\"umbrella\"} 1.0")
          .contains("engram_tenant_records{collection=\"documents\",tenant=\"stark\"} 0.0")
          .doesNotContain("tenant=\"acme\"");
    }
  }
}
