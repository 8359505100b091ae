package dev.engram.server.http;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the server records of each request: one access-log line (method, route, status,
 * milliseconds, tenant; never a key, a query string or a body) and a latency sample per route
 * and status in the Prometheus registry behind {@code GET /metrics}.
 */
public final class RequestLog {
  /** The route of a request no route matched: its raw path could carry anything. */
  public static final String NO_ROUTE = "(none)";
  /**
   * Histogram bucket bounds: from a BM25 search (about 1 ms) to a generated answer (seconds);
   * 10 buckets keep the series small. Not measured beyond those two ends.
   */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(1000),
    Duration.ofMillis(2500), Duration.ofMillis(10_000)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Consumer<String> sink;
  /**
   * The timer of each method, route and status, found without building one per request (a
   * builder and its tags per request showed in the profile of {@code engram bench server}).
   */
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  private volatile Runnable beforeScrape = () -> {};

  private record TimerKey(String method, String route, int status) {}

  public RequestLog(Consumer<String> sink) {
    this.sink = sink;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void record(String method, String route, int status, double millis, String tenant) {
    timers.computeIfAbsent(new TimerKey(method, route, status), k -> Timer.builder("engram.http.requests")
        .description("HTTP requests by route and status")
        .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry))
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    sink.accept(String.format(Locale.ROOT, "%s %s %d %.1fms tenant=%s", method, route, status,
        millis, tenant));
  }

  /** The metrics in Prometheus text format; the gauges read when scraped are refreshed first. */
  public String scrape() {
    beforeScrape.run();
    return registry.scrape();
  }

  /** Runs {@code refresh} before each scrape (gauges whose set of series changes, such as per tenant). */
  public void beforeScrape(Runnable refresh) {
    this.beforeScrape = refresh;
  }
}
