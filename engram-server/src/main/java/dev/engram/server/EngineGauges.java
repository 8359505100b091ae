package dev.engram.server;

import dev.engram.embed.CachingEmbedder;
import dev.engram.embed.EmbeddingStats;
import dev.engram.index.Filter;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.memory.store.Fields;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What the engine reports in {@code /metrics} beside the request metrics: records per collection
 * (the index size, all tenants; {@link TenantGauges} has them per tenant), texts embedded, cache
 * hits and time in the embedding model, LLM calls and failures (memory calls and fallbacks
 * apart), requests in flight, the process's CPU time and its resident memory. Every value is read when
 * scraped; nothing is counted twice.
 */
final class EngineGauges {
  private EngineGauges() {}

  /** The process's CPU seconds; 0 on a JVM that does not count them. */
  private static double cpuSeconds(OperatingSystemMXBean os) {
    return os instanceof com.sun.management.OperatingSystemMXBean counted
        ? Math.max(0, counted.getProcessCpuTime()) / 1e9 : 0;
  }

  static void register(MeterRegistry registry, ServerEngine engine, IntSupplier inFlight) {
    Gauge.builder("engram.http.requests.in.flight", inFlight::getAsInt)
        .description("requests being served").register(registry);
    Gauge.builder("engram.process.resident.memory", ResidentMemory::bytes).baseUnit("bytes")
        .description("resident memory of the server process (VmRSS; 0 off Linux)").register(registry);
    Gauge.builder("engram.process.resident.memory.peak", ResidentMemory::peakBytes).baseUnit("bytes")
        .description("peak resident memory since the start (VmHWM; 0 off Linux)").register(registry);
    FunctionCounter.builder("engram.process.cpu", ManagementFactory.getOperatingSystemMXBean(), EngineGauges::cpuSeconds)
        .baseUnit("seconds").description("CPU time of the server process since the start, all threads"
            + " (the embedding model's native ones too); `bench server` divides it by the requests")
        .register(registry);
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
    ModelUse use = engine.modelUse();
    FunctionCounter.builder("engram.embedding.query.seconds", use, ModelUse::queryEmbeddingSeconds)
        .description("time in the embedding model for queries").baseUnit("seconds").register(registry);
    FunctionCounter.builder("engram.embedding.queries", use, ModelUse::queriesEmbedded)
        .description("queries the embedding model ran on").register(registry);
    FunctionCounter.builder("engram.embedding.document.seconds", use, ModelUse::documentEmbeddingSeconds)
        .description("time in the embedding model for document texts (chunks, memories, messages)")
        .baseUnit("seconds").register(registry);
    FunctionCounter.builder("engram.embedding.documents", use, ModelUse::documentTextsEmbedded)
        .description("document texts the embedding model ran on").register(registry);
    FunctionCounter.builder("engram.llm.calls", use, ModelUse::chatCalls)
        .description("calls of the chat model (answers and memory)").register(registry);
    FunctionCounter.builder("engram.llm.failures", use, ModelUse::chatFailures)
        .description("chat model calls that failed (unreachable, timeout, refused, bad reply)").register(registry);
    engine.engram().llmMemory().ifPresent(llm -> {
      FunctionCounter.builder("engram.llm.memory.calls", llm,
              m -> m.fallbacks().counts().extractionCalls() + m.fallbacks().counts().consolidationCalls())
          .description("LLM calls for memory extraction and consolidation").register(registry);
      FunctionCounter.builder("engram.llm.memory.fallbacks", llm, m -> m.fallbacks().counts().fallbacks())
          .description("LLM memory replies that fell back to the rules").register(registry);
    });
  }
}
