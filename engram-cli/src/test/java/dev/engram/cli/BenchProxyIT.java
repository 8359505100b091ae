package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.client.DocumentFields;
import dev.engram.client.EngramClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram bench server --mix proxy=1} against {@code engram serve} in a JVM of its own whose
 * proxy sends chat completions to a loopback port where nothing listens yet: the bench serves the
 * zero-delay upstream there, and prints the direct and proxied percentiles with and without a
 * user; the user's turns are remembered. Without an upstream, or with one that is not the
 * instant one, every request fails with the code that says so.
 */
class BenchProxyIT {
  private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)");
  private static final String ADMIN = "bench-proxy-it-admin-key-0123456789abcdef01";

  @TempDir static Path tmp;
  static Process server;
  static String url;
  static String key;
  static String upstream;
  static Path scifact;
  static Path locomo;

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      upstream = "http://127.0.0.1:" + free.getLocalPort() + "/v1";
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", Main.class.getName(), "serve", "--data",
        tmp.resolve("data").toString(), "--port", "0").redirectErrorStream(true);
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("ENGRAM_ADMIN_KEY", ADMIN);
    pb.environment().put("ENGRAM_LLM_BASE_URL", upstream);
    pb.environment().put("ENGRAM_LLM_MODEL", "instant");
    pb.environment().put("ENGRAM_LLM_MEMORY", "false");
    server = pb.start();
    List<String> out = new ArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line; url == null && (line = in.readLine()) != null; ) {
      out.add(line);
      Matcher m = URL.matcher(line);
      if (line.startsWith("Engram serving") && m.find()) {
        url = m.group(1);
      }
    }
    assertThat(url).as(String.join("\n", out)).isNotNull();
    Thread.ofVirtual().start(() -> {
      try {
        in.lines().forEach(l -> { });
      } catch (java.io.UncheckedIOException e) {
        // the stream closes when the test stops the server
      }
    });
    key = EngramClient.builder().baseUrl(URI.create(url)).apiKey(ADMIN).build().createKey("acme", "bench").key();
    EngramClient.builder().baseUrl(URI.create(url)).apiKey(key).build().addDocument(
        "The fog horn sounds twice every thirty seconds in dense fog.", DocumentFields.none().withTitle("Fog horns"));
    scifact = Files.createDirectories(tmp.resolve("scifact"));
    Files.writeString(scifact.resolve("queries.jsonl"), """
        {"_id": "q1", "text": "how often does the fog horn sound"}
        {"_id": "q2", "text": "how fast does the lamp turn"}
        """);
    locomo = tmp.resolve("locomo.json");
    StringBuilder json = new StringBuilder("[");
    for (int c = 0; c < 3; c++) {
      json.append(c == 0 ? "" : ",").append("""
          {"sample_id": "conv-%d", "conversation": {"speaker_a": "Ann", "speaker_b": "Bob",
            "session_1_date_time": "1:56 pm on 8 May, 2023",
            "session_1": [{"speaker": "Ann", "dia_id": "D1:1", "text": "I moved to Lisbon last month."}]},
           "qa": [{"question": "Where did Ann move?", "answer": "Lisbon", "evidence": ["D1:1"], "category": 4}]}
          """.formatted(c));
    }
    Files.writeString(locomo, json.append("]").toString());
  }

  @AfterAll
  static void stop() throws Exception {
    server.destroy();
    server.waitFor(30, TimeUnit.SECONDS);
  }

  private static Cli.Result bench(Map<String, String> env) {
    return Cli.runAsGiven("", env, "bench", "server", "--server", url, "--api-key", key,
        "--scifact", scifact.toString(), "--locomo", locomo.toString(), "--clients", "2",
        "--warmup", "1s", "--duration", "3s", "--mix", "proxy=1");
  }

  @Test
  void should_serve_the_instant_upstream_and_print_direct_and_proxied_percentiles_with_and_without_a_user()
      throws Exception {
    Cli.Result r = bench(Map.of("ENGRAM_LLM_BASE_URL", upstream));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .containsPattern("(?m)^proxy +[1-9]\\d* .* 0$")
        .contains("straight to the upstream at " + upstream + " (served by this bench, answering at once)")
        .containsPattern("(?m)^  upstream direct +[0-9.]+ +[0-9.]+$")
        .containsPattern("(?m)^  proxy, no user +[0-9.]+ +[0-9.]+ +-?[0-9.]+ +-?[0-9.]+$")
        .containsPattern("(?m)^  proxy, user named +[0-9.]+ +[0-9.]+ +-?[0-9.]+ +-?[0-9.]+$")
        .containsPattern("(?m)^  proxy, no user +parse [0-9.]+ / [0-9.]+, context [0-9.]+ / [0-9.]+, encode"
            + " [0-9.]+ / [0-9.]+, upstream [0-9.]+ / [0-9.]+, outside -?[0-9.]+ / -?[0-9.]+$")
        .containsPattern("turns waiting to be remembered at the end: \\d+ \\(dropped 0, failed 0\\)");
    Matcher rounds = Pattern.compile(", (\\d+) rounds:").matcher(r.out());
    assertThat(rounds.find()).isTrue();
    assertThat(Integer.parseInt(rounds.group(1))).isPositive();
    EngramClient client = EngramClient.builder().baseUrl(URI.create(url)).apiKey(key).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    dev.engram.client.RecallQuery asked = dev.engram.client.RecallQuery.of(
        dev.engram.client.Owner.user("bench-proxy-0"), "how often does the fog horn sound");
    while (client.recall(asked).isEmpty()) {
      assertThat(System.nanoTime()).as("bench-proxy-0's turns remembered within 30 s\n" + r.out())
          .isLessThan(deadline);
      Thread.sleep(100);
    }
    System.out.println(r.out());
  }

  @Test
  void should_stop_before_any_load_with_a_coded_error_when_no_instant_upstream_is_named() {
    Cli.Result none = bench(Map.of());
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).startsWith("error ENGRAM-967: the proxy operation needs the upstream")
        .contains("ENGRAM_LLM_BASE_URL=http://127.0.0.1:8421/v1 ENGRAM_LLM_MODEL=instant");
    assertThat(none.out()).doesNotContain("load:").doesNotContain("proxy error");
    Cli.Result other = bench(Map.of("ENGRAM_LLM_BASE_URL", url + "/v1"));
    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.err()).startsWith("error ENGRAM-968: the upstream at " + url + "/v1")
        .contains("is not the zero-delay one");
    assertThat(other.out()).doesNotContain("load:").doesNotContain("proxy error");
  }
}
