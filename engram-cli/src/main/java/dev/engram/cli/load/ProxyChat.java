package dev.engram.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.common.EngramException;
import dev.engram.eval.Latencies;
import dev.engram.server.openai.InstantUpstream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code proxy}: what Engram's OpenAI proxy adds to a chat completion. Each call sends the same
 * question (a SciFact claim) three ways, in an order that rotates: straight to the upstream, then
 * through {@code POST /v1/chat/completions} without a user and with one (the client's own,
 * {@code bench-proxy-N}, so its turns are remembered and recalled). The upstream must answer at
 * once, so that the difference is Engram's cost (context assembly included); it is the one that
 * {@code ENGRAM_LLM_BASE_URL} names, which the server this command starts inherits, and the op
 * serves it ({@link InstantUpstream}) in this JVM when nothing listens there yet. The summary gives
 * p50/p95 of each way and what the proxy adds, and the turns still waiting to be remembered.
 */
public final class ProxyChat implements LoadOp, Summarized {
  static final String BASE_URL_VAR = "ENGRAM_LLM_BASE_URL";
  /** No upstream is named. */
  static final String NO_UPSTREAM = "ENGRAM-967";
  /** The upstream named is not the zero-delay one. */
  static final String NOT_INSTANT = "ENGRAM-968";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String[] WAYS = {"upstream direct", "proxy, no user", "proxy, user named"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> queries;
  private final Map<String, String> env;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  /** {way, start, nanos} of every request; guarded by itself. */
  private final List<long[]> samples = new ArrayList<>();
  /** The server's own phase times of every proxied request; guarded by {@link #samples}. */
  private final List<Phases> phases = new ArrayList<>();

  /** A proxied request's {@code Server-Timing} header, with the request it came with. */
  private record Phases(int way, long start, long nanos, String header) {
    /** Each phase's name and milliseconds, in the header's order. */
    Map<String, Double> millis() {
      Map<String, Double> m = new java.util.LinkedHashMap<>();
      for (String part : header.split(",")) {
        String[] fields = part.strip().split(";");
        for (int i = 1; i < fields.length; i++) {
          if (fields[i].strip().startsWith("dur=")) {
            m.put(fields[0].strip(), Double.parseDouble(fields[i].strip().substring(4)));
          }
        }
      }
      return m;
    }
  }
  // guarded by this:
  private URI upstream;
  private Optional<InstantUpstream> served = Optional.empty();
  private LoadTarget target;

  /** Over {@code queries}, with the upstream that {@code env}'s {@value #BASE_URL_VAR} names. */
  public ProxyChat(List<String> queries, Map<String, String> env) {
    this.queries = List.copyOf(queries);
    this.env = Map.copyOf(env);
  }

  @Override
  public String name() {
    return "proxy";
  }

  @Override
  public void prepare(LoadTarget t) throws Exception {
    upstream(t);
  }

  @Override
  public void call(LoadTarget t, int client, long n) throws Exception {
    URI base = upstream(t);
    byte[] body = JSON.writeValueAsBytes(Map.of("model", InstantUpstream.MODEL,
        "messages", List.of(Map.of("role", "user", "content", LoadOps.nth(queries, client, n)))));
    for (int i = 0; i < WAYS.length; i++) {
      int way = (int) ((i + n) % WAYS.length);
      HttpRequest.Builder r = switch (way) {
        case 0 -> HttpRequest.newBuilder(URI.create(base + "/chat/completions"));
        default -> HttpRequest.newBuilder(t.url().resolve("/v1/chat/completions"))
            .header("Authorization", "Bearer " + t.apiKey());
      };
      if (way == 2) {
        r.header("X-Engram-User", "bench-proxy-" + client).header("X-Engram-Session", "bench");
      }
      HttpRequest request = r.header("Content-Type", "application/json").timeout(TIMEOUT)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      long start = System.nanoTime();
      HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
      long took = System.nanoTime() - start;
      if (reply.statusCode() != 200) {
        throw new IllegalStateException(WAYS[way] + ": HTTP " + reply.statusCode() + " "
            + reply.body().substring(0, Math.min(300, reply.body().length())));
      }
      synchronized (samples) {
        samples.add(new long[] {way, start, took});
        if (way > 0) {
          reply.headers().firstValue("Server-Timing").ifPresent(v -> phases.add(new Phases(way, start, took, v)));
        }
      }
    }
  }

  /** The upstream's base URL, checked (and served here when nothing listens) on the first call. */
  private synchronized URI upstream(LoadTarget t) throws IOException, InterruptedException {
    if (upstream != null) {
      return upstream;
    }
    target = t;
    String named = Optional.ofNullable(env.get(BASE_URL_VAR)).map(String::strip).orElse("");
    if (named.isEmpty()) {
      // The code leads the message too: the bench reports an operation's errors by message.
      throw new EngramException(NO_UPSTREAM, NO_UPSTREAM + ": the proxy operation needs the upstream the server"
          + " sends chat completions to, one that answers at once: run this command with "
          + BASE_URL_VAR + "=http://127.0.0.1:8421/v1 ENGRAM_LLM_MODEL=" + InstantUpstream.MODEL
          + " (the server it starts inherits them, and the bench serves that upstream itself;"
          + " with --server, start that server with the same two variables)");
    }
    URI base = URI.create(named.endsWith("/") ? named.substring(0, named.length() - 1) : named);
    Optional<Optional<JsonNode>> answered = models(base);
    if (answered.isEmpty() && base.getPort() > 0 && InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
      served = Optional.of(InstantUpstream.start(base.getPort()));
      answered = models(base);
    }
    Optional<JsonNode> models = answered.flatMap(m -> m);
    boolean instant = models.map(m -> m.path("data").findValuesAsText("id").contains(InstantUpstream.MODEL))
        .orElse(false);
    if (!instant) {
      throw new EngramException(NOT_INSTANT, NOT_INSTANT + ": the upstream at " + base + " is not the zero-delay"
          + " one (" + models.map(m -> "its /models lists " + m.path("data").findValuesAsText("id"))
              .orElse("it does not answer /models") + "): the proxy operation measures Engram's own cost,"
          + " which only an upstream that answers at once shows; name a free loopback port in "
          + BASE_URL_VAR + " (the bench serves the upstream there) or run `engram bench upstream --port PORT`");
    }
    upstream = base;
    return base;
  }

  /**
   * The upstream's model list: empty when nothing listens there, an empty list when something
   * answered but not with a model list.
   */
  private Optional<Optional<JsonNode>> models(URI base) throws InterruptedException {
    try {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/models"))
          .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
      return Optional.of(r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty());
    } catch (ConnectException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(Optional.empty());
    }
  }

  @Override
  public List<String> summary(long fromNanos, long toNanos) {
    List<String> lines = new ArrayList<>();
    Latencies[] ways = new Latencies[WAYS.length];
    for (int way = 0; way < WAYS.length; way++) {
      ways[way] = new Latencies();
    }
    synchronized (samples) {
      samples.stream().filter(s -> s[1] >= fromNanos && s[1] + s[2] <= toNanos)
          .forEach(s -> ways[(int) s[0]].add(s[2]));
    }
    synchronized (this) {
      lines.add("proxy: the same chat completion straight to the upstream at " + upstream
          + (served.isPresent() ? " (served by this bench, answering at once)" : "")
          + " and through Engram's /v1/chat/completions, " + ways[0].count() + " rounds:");
    }
    lines.add(String.format(Locale.ROOT, "  %-18s %8s %8s %10s %10s", "request", "p50 ms", "p95 ms",
        "added p50", "added p95"));
    double direct50 = ways[0].percentileMillis(50);
    double direct95 = ways[0].percentileMillis(95);
    for (int way = 0; way < WAYS.length; way++) {
      double p50 = ways[way].percentileMillis(50);
      double p95 = ways[way].percentileMillis(95);
      lines.add(way == 0
          ? String.format(Locale.ROOT, "  %-18s %8.1f %8.1f", WAYS[way], p50, p95)
          : String.format(Locale.ROOT, "  %-18s %8.1f %8.1f %10.1f %10.1f", WAYS[way], p50, p95,
              p50 - direct50, p95 - direct95));
    }
    lines.addAll(phaseLines(fromNanos, toNanos));
    remembering().ifPresent(lines::add);
    synchronized (this) {
      served.ifPresent(InstantUpstream::close);
      served = Optional.empty();
    }
    return lines;
  }

  /**
   * Where the server's time went before the reply's first byte, from its {@code Server-Timing}:
   * p50/p95 of each phase, per proxied way, and what is left of the request's time outside them
   * (HTTP in and out, routing, authentication, relaying the body).
   */
  private List<String> phaseLines(long fromNanos, long toNanos) {
    List<Phases> measured;
    synchronized (samples) {
      measured = phases.stream().filter(p -> p.start() >= fromNanos && p.start() + p.nanos() <= toNanos).toList();
    }
    if (measured.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("  the server's phases (its Server-Timing), p50 / p95 ms; \"outside\" is the request's time"
        + " beyond them (HTTP both ways, auth, relaying):");
    for (int way = 1; way < WAYS.length; way++) {
      int w = way;
      Map<String, Latencies> byPhase = new java.util.LinkedHashMap<>();
      for (Phases p : measured.stream().filter(p -> p.way() == w).toList()) {
        double inside = 0;
        for (Map.Entry<String, Double> e : p.millis().entrySet()) {
          byPhase.computeIfAbsent(e.getKey(), k -> new Latencies()).add((long) (e.getValue() * 1e6));
          inside += e.getValue();
        }
        byPhase.computeIfAbsent("outside", k -> new Latencies()).add(p.nanos() - (long) (inside * 1e6));
      }
      lines.add(String.format(Locale.ROOT, "  %-18s ", WAYS[way]) + byPhase.entrySet().stream()
          .map(e -> String.format(Locale.ROOT, "%s %.1f / %.1f", e.getKey(),
              e.getValue().percentileMillis(50), e.getValue().percentileMillis(95)))
          .collect(java.util.stream.Collectors.joining(", ")));
    }
    return lines;
  }

  /** The server's remember queue and its drops and failures, from its /metrics. */
  private Optional<String> remembering() {
    LoadTarget t;
    synchronized (this) {
      t = target;
    }
    if (t == null) {
      return Optional.empty();
    }
    try {
      String metrics = http.send(HttpRequest.newBuilder(t.url().resolve("/metrics")).timeout(TIMEOUT)
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
      return Optional.of(String.format(Locale.ROOT, "  turns waiting to be remembered at the end: %.0f"
          + " (dropped %.0f, failed %.0f)", value(metrics, "engram_proxy_remember_queue"),
          value(metrics, "engram_proxy_remember_dropped_total"),
          value(metrics, "engram_proxy_remember_failures_total")));
    } catch (IOException e) {
      return Optional.of("  the server's /metrics could not be read: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static double value(String metrics, String name) {
    return metrics.lines().filter(l -> l.startsWith(name + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(name.length() + 1).strip())).orElse(0.0);
  }
}
