package dev.engram.server;

import dev.engram.embed.CachingEmbedder;
import dev.engram.embed.EmbeddingStats;
import dev.engram.index.Filter;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.memory.store.Fields;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What the engine reports in {@code /metrics} beside the request metrics: records per collection
 * (the index size), texts embedded and cache hits, LLM memory calls and fallbacks, requests in
 * flight. Every value is read when scraped; nothing is counted twice.
 */
final class EngineGauges {
  private EngineGauges() {}

  static void register(MeterRegistry registry, ServerEngine engine, IntSupplier inFlight) {
    Gauge.builder("engram.http.requests.in.flight", inFlight::getAsInt)
        .description("requests being served").register(registry);
    Gauge.builder("engram.process.resident.memory", ResidentMemory::bytes).baseUnit("bytes")
        .description("resident memory of the server process (VmRSS; 0 off Linux)").register(registry);
    Gauge.builder("engram.process.resident.memory.peak", ResidentMemory::peakBytes).baseUnit("bytes")
        .description("peak resident memory since the start (VmHWM; 0 off Linux)").register(registry);
    for (String collection : List.of(KnowledgeRecords.CHUNKS, KnowledgeRecords.DOCUMENTS,
        Fields.MEMORIES, Fields.EPISODES, Fields.HISTORY)) {
      Gauge.builder("engram.index.records", engine, e -> e.index().collection(collection).count(Filter.all()))
          .description("records in the index, all tenants").tag("collection", collection)
          .register(registry);
    }
    if (engine.embedder() instanceof EmbeddingStats stats) {
      FunctionCounter.builder("engram.embedding.texts.computed", stats, EmbeddingStats::computed)
          .description("document texts the embedding model ran on (cache misses)").register(registry);
    }
    if (engine.embedder() instanceof CachingEmbedder cache) {
      FunctionCounter.builder("engram.embedding.cache.hits", cache, c -> c.hitsAndMisses()[0])
          .description("document texts served from the embedding cache").register(registry);
      FunctionCounter.builder("engram.embedding.query.cache.hits", cache, c -> c.queryHitsAndMisses()[0])
          .description("queries served from the in-memory query cache").register(registry);
      FunctionCounter.builder("engram.embedding.query.cache.misses", cache, c -> c.queryHitsAndMisses()[1])
          .description("queries the model embedded").register(registry);
    }
    engine.engram().llmMemory().ifPresent(llm -> {
      FunctionCounter.builder("engram.llm.memory.calls", llm,
              m -> m.fallbacks().counts().extractionCalls() + m.fallbacks().counts().consolidationCalls())
          .description("LLM calls for memory extraction and consolidation").register(registry);
      FunctionCounter.builder("engram.llm.memory.fallbacks", llm, m -> m.fallbacks().counts().fallbacks())
          .description("LLM memory replies that fell back to the rules").register(registry);
    });
  }
}
