package dev.engram.server.openai;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the proxy counts in {@code /metrics}: chat requests by outcome, context assemblies that
 * failed (the call went on without context), turns waiting to be remembered, turns that could
 * not be remembered (failed) and turns given up for want of room or time (dropped).
 */
final class ProxyMetrics {
  /** How a proxied chat request ended. */
  enum Outcome {
    /** The upstream answered in full and the client received it. */
    COMPLETED,
    /** The upstream answered an error status, passed on to the client. */
    UPSTREAM_ERROR,
    /** The upstream could not be reached, was too slow, or broke off its reply. */
    UPSTREAM_FAILED,
    /** The client went away before the reply was complete. */
    CLIENT_GONE;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Counter augmentFailures;
  private final Counter rememberFailures;
  private final Counter rememberDrops;

  ProxyMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Outcome o : Outcome.values()) {
      counter(o); // every outcome shows from the start, at 0
    }
    this.augmentFailures = Counter.builder("engram.proxy.augment.failures")
        .description("chat requests sent on without context because assembling it failed")
        .register(registry);
    this.rememberFailures = Counter.builder("engram.proxy.remember.failures")
        .description("proxied turns that could not be remembered").register(registry);
    this.rememberDrops = Counter.builder("engram.proxy.remember.dropped")
        .description("proxied turns not remembered because the queue stayed full or the server stopped")
        .register(registry);
  }

  /** Reports {@code depth} as the number of turns waiting to be remembered. */
  void queue(java.util.function.IntSupplier depth) {
    io.micrometer.core.instrument.Gauge.builder("engram.proxy.remember.queue", depth::getAsInt)
        .description("proxied turns answered and waiting to be remembered").register(registry);
  }

  private Counter counter(Outcome o) {
    return Counter.builder("engram.proxy.requests").description("proxied chat completions by outcome")
        .tag("outcome", o.tag()).register(registry);
  }

  void ended(Outcome o) {
    counter(o).increment();
  }

  void augmentFailed() {
    augmentFailures.increment();
  }

  void rememberFailed() {
    rememberFailures.increment();
  }

  void rememberDropped() {
    rememberDrops.increment();
  }
}
