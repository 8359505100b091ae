package dev.engram.server;

import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.KeywordValues;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.memory.store.Fields;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Records per tenant and collection ({@code engram_tenant_records}): a tenant's index size
 * (chunks, documents) and its memory counts (memories with their superseded versions, logged
 * messages, history entries). The tenants are read when {@code /metrics} is scraped ({@link
 * #refresh}): every tenant that holds records (from the index's terms, when the backend lists
 * them: Lucene and OpenSearch both do), every tenant with a key, and every tenant a request was
 * served for since the start. So data written before the start or by {@code engram ingest
 * --tenant}, and a tenant whose key was revoked but whose data remains, are counted; each count
 * is one index count query.
 */
final class TenantGauges {
  static final List<String> COLLECTIONS = List.of(KnowledgeRecords.CHUNKS, KnowledgeRecords.DOCUMENTS,
      Fields.MEMORIES, Fields.EPISODES, Fields.HISTORY);
  /**
   * Tenants listed per collection from the index's terms: a bound so that a scrape stays one
   * short pass however many tenants there are (a Prometheus series each, and 5 counts each).
   */
  static final int MAX_TENANTS = 1_000;

  private final ServerEngine engine;
  private final Supplier<List<String>> withKeys;
  private final Set<String> served = ConcurrentHashMap.newKeySet();
  private final MultiGauge records;

  TenantGauges(MeterRegistry registry, ServerEngine engine, Supplier<List<String>> withKeys) {
    this.engine = engine;
    this.withKeys = withKeys;
    this.records = MultiGauge.builder("engram.tenant.records")
        .description("records in the index per tenant and collection (tenants with data, a key, or"
            + " requests since the start)").register(registry);
  }

  /** Notes a tenant a request was served for. */
  void served(String tenant) {
    if (served.size() < MAX_TENANTS) {
      served.add(tenant);
    }
  }

  void refresh() {
    Set<String> tenants = new TreeSet<>(withKeys.get());
    tenants.addAll(served);
    for (String collection : COLLECTIONS) {
      if (engine.index().collection(collection) instanceof KeywordValues values) {
        tenants.addAll(values.values(KnowledgeRecords.TENANT, MAX_TENANTS));
      }
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (String tenant : tenants.stream().limit(MAX_TENANTS).toList()) {
      for (String collection : COLLECTIONS) {
        Collection c = engine.index().collection(collection);
        rows.add(MultiGauge.Row.of(Tags.of("tenant", tenant, "collection", collection),
            c.count(Filter.eq(KnowledgeRecords.TENANT, tenant))));
      }
    }
    records.register(rows, true);
  }
}
