package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.chat.ChatModelConfig;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.server.openai.InstantUpstream;
import dev.engram.server.openai.OverheadProbe;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's overhead over a zero-delay upstream, measured as {@code bench server} will: prints
 * the figures; fails only when a request fails or the numbers are not sane (the machine running
 * the tests is shared, so no latency bound is asserted here).
 */
class ProxyOverheadIT {
  @TempDir Path tmp;

  @Test
  void should_measure_the_overhead_over_an_instant_upstream() {
    try (InstantUpstream upstream = InstantUpstream.start(0);
        Served served = Served.withModel(tmp.resolve("data"), new OpenAiChatModel(
            ChatModelConfig.of(upstream.baseUrl().toString(), InstantUpstream.MODEL)))) {
      String key = served.keyFor("acme");
      served.http.post("/v1/documents", key, Map.of("title", "Fog horn", "text",
          "The fog horn sounds twice every thirty seconds."));
      String body = new String(Http.json(Map.of("model", "instant", "messages", List.of(
          Map.of("role", "user", "content", "How often does the fog horn sound?")))),
          java.nio.charset.StandardCharsets.UTF_8);
      OverheadProbe.Overhead anon = OverheadProbe.measure(upstream.baseUrl(),
          URI.create(served.server.url()), key, Map.of(), body, 20, 100);
      System.out.printf("proxy overhead, no user (loaded machine): added p50 %.1f p95 %.1f ms%n", anon.p50Added(), anon.p95Added());
      OverheadProbe.Overhead o = OverheadProbe.measure(upstream.baseUrl(),
          URI.create(served.server.url()), key, Map.of("X-Engram-User", "ann"), body, 20, 100);
      System.out.printf("proxy overhead (loaded machine): direct p50 %.1f p95 %.1f ms, proxied p50 %.1f"
          + " p95 %.1f ms, added p50 %.1f p95 %.1f ms over %d requests%n", o.directP50(), o.directP95(),
          o.proxiedP50(), o.proxiedP95(), o.p50Added(), o.p95Added(), o.requests());
      assertThat(o.requests()).isEqualTo(100);
      assertThat(o.directP50()).isPositive().isLessThanOrEqualTo(o.directP95());
      assertThat(o.proxiedP50()).isGreaterThan(o.directP50() * 0.5).isLessThanOrEqualTo(o.proxiedP95());
      assertThat(Optional.of(served.http.get("/metrics", null).body()))
          .hasValueSatisfying(m -> assertThat(m).contains("engram_proxy_requests_total{outcome=\"completed\"} 240.0"));
    }
  }
}
