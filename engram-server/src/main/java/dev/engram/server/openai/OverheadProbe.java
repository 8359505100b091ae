package dev.engram.server.openai;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Measures what the proxy adds to a chat completion: the same request sent alternately straight
 * to an upstream and through Engram's {@code /v1/chat/completions}, one at a time, each timed
 * until its whole body has arrived. With a zero-delay upstream ({@link InstantUpstream}) the
 * difference is Engram's cost: parsing, context assembly and relaying; remembering, when the
 * request names a user, runs in the background after the reply, so it counts only through the
 * CPU it takes from the requests after it. Requests alternate so that both see the same machine
 * load. Sends only to the two URLs given; bounded by {@code requests}. {@code bench server --mix
 * proxy=1} measures the same against a running server.
 */
public final class OverheadProbe {
  private OverheadProbe() {}

  /** Latency percentiles in milliseconds, direct and through the proxy. */
  public record Overhead(int requests, double directP50, double directP95, double proxiedP50,
      double proxiedP95) {
    /** What the proxy adds at the 95th percentile. */
    public double p95Added() {
      return proxiedP95 - directP95;
    }

    /** What the proxy adds at the median. */
    public double p50Added() {
      return proxiedP50 - directP50;
    }
  }

  /**
   * Sends {@code warmup} then {@code requests} pairs of {@code body}.
   *
   * @param upstream the upstream's base URL ({@code http://127.0.0.1:PORT/v1})
   * @param proxy the Engram server's base URL ({@code http://127.0.0.1:8420})
   * @param key a tenant key of that server
   * @param headers extra headers for the proxied request ({@code X-Engram-User}, ...)
   * @throws IllegalStateException when a request is not answered 200
   */
  public static Overhead measure(URI upstream, URI proxy, String key, Map<String, String> headers,
      String body, int warmup, int requests) {
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpRequest direct = HttpRequest.newBuilder(URI.create(upstream + "/chat/completions"))
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(proxy + "/v1/chat/completions"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(b::header);
      HttpRequest proxied = b.build();
      for (int i = 0; i < warmup; i++) {
        time(http, direct);
        time(http, proxied);
      }
      double[] d = new double[requests];
      double[] p = new double[requests];
      for (int i = 0; i < requests; i++) {
        d[i] = time(http, direct);
        p[i] = time(http, proxied);
      }
      return new Overhead(requests, percentile(d, 50), percentile(d, 95), percentile(p, 50),
          percentile(p, 95));
    }
  }

  private static double time(HttpClient http, HttpRequest request) {
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": "
            + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** The nearest-rank percentile. */
  static double percentile(double[] values, int pct) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
