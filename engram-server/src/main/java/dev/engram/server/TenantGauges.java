package dev.engram.server;

import dev.engram.index.Filter;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.memory.store.Fields;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Records per tenant and collection ({@code engram_tenant_records}): a tenant's index size
 * (chunks, documents) and its memory counts (memories with their superseded versions, logged
 * messages, history entries). The tenants are those that have keys, read when {@code /metrics}
 * is scraped ({@link #refresh}), so a tenant created a moment ago is there and a revoked one
 * goes; each count is one index count query.
 */
final class TenantGauges {
  static final List<String> COLLECTIONS = List.of(KnowledgeRecords.CHUNKS, KnowledgeRecords.DOCUMENTS,
      Fields.MEMORIES, Fields.EPISODES, Fields.HISTORY);

  private final ServerEngine engine;
  private final Supplier<List<String>> tenants;
  private final MultiGauge records;

  TenantGauges(MeterRegistry registry, ServerEngine engine, Supplier<List<String>> tenants) {
    this.engine = engine;
    this.tenants = tenants;
    this.records = MultiGauge.builder("engram.tenant.records")
        .description("records in the index per tenant (with a key) and collection").register(registry);
  }

  void refresh() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (String tenant : tenants.get().stream().distinct().sorted().toList()) {
      for (String collection : COLLECTIONS) {
        int n = engine.index().collection(collection).count(Filter.eq(KnowledgeRecords.TENANT, tenant));
        rows.add(MultiGauge.Row.of(Tags.of("tenant", tenant, "collection", collection), n));
      }
    }
    records.register(rows, true);
  }
}
