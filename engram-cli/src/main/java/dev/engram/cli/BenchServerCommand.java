package dev.engram.cli;

import dev.engram.cli.load.LoadOp;
import dev.engram.cli.load.LoadOps;
import dev.engram.cli.load.LoadRun;
import dev.engram.cli.load.LoadTarget;
import dev.engram.cli.load.Mix;
import dev.engram.cli.load.ServerMemory;
import dev.engram.cli.load.ServerProcess;
import dev.engram.cli.load.Setup;
import dev.engram.cli.load.Summarized;
import dev.engram.cli.load.Workload;
import dev.engram.client.EngramClient;
import dev.engram.common.EngramException;
import dev.engram.eval.Latencies;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code engram bench server}: a closed-loop load of a running server (or one this command starts
 * in a child JVM) from concurrent clients, for a bounded time, with a mix of operations; prints
 * requests per second, p50/p95/p99 per operation, the errors and the server's resident memory.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Load a server with concurrent clients for a bounded time and print requests/s,"
        + " p50/p95/p99 per operation, errors and the server's resident memory.",
        "With --server URL --api-key KEY it drives that server (a tenant key). Without, it starts"
            + " `engram serve` in a child JVM on --data DIR (default: a fresh temporary directory,"
            + " deleted after) and creates a tenant key 'bench' for the run.",
        "--setup loads the corpus first: SciFact's corpus.jsonl (5,183 abstracts, 9,075 chunks) and"
            + " LoCoMo conversations 1-2 remembered through the API. On a server this command starts, the"
            + " corpus is ingested into the data directory before the server starts (as `engram ingest"
            + " --tenant bench` would, reusing its embedding cache); on --server it is posted, document by"
            + " document, until --chunks chunks. Setup is implied on a fresh temporary directory; on"
            + " --data DIR run it once (with --duration 0 to only load), then bench without it."})
final class BenchServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RemoteOptions remote;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Without --server: the data directory of the server started (default: a fresh temporary one).")
  Path data;

  @Option(names = "--setup", description = "Load the corpus before the run (see above).")
  boolean setup;

  @Option(names = "--chunks", description = "SciFact chunks setup loads (default: ${DEFAULT-VALUE}).")
  int chunks = 9_000;

  @Option(names = "--scifact", paramLabel = "DIR",
      description = "BEIR SciFact folder: corpus for setup, train queries for search (default: ${DEFAULT-VALUE}).")
  Path scifact = Path.of("../shared/data/scifact");

  @Option(names = "--locomo", paramLabel = "FILE",
      description = "LoCoMo file: conversations 1-2 remembered and asked about, the others' turns"
          + " remembered under load (default: ${DEFAULT-VALUE}).")
  Path locomo = Path.of("../shared/data/locomo/locomo-dev.json");

  @Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients = 16;

  @Option(names = "--duration", paramLabel = "TIME", converter = Seconds.class,
      description = "Measured time, e.g. 30s or 2m; 0 loads (--setup) and stops (default: 30s).")
  Duration duration = Duration.ofSeconds(30);

  @Option(names = "--warmup", paramLabel = "TIME", converter = Seconds.class,
      description = "Load before measuring, not counted (default: 5s).")
  Duration warmup = Duration.ofSeconds(5);

  @Option(names = "--rate", paramLabel = "R",
      description = "Requests per second, all clients together, due at fixed times (latency counts"
          + " from when a request was due); 0: each client sends as soon as its last reply came (default).")
  double rate;

  @Option(names = "--mix", paramLabel = "OP=WEIGHT,...",
      description = "Operations and their shares, of search, recall, remember, context, proxy (default: ${DEFAULT-VALUE}).")
  String mix = "search=70,recall=20,remember=10";

  @Option(names = "--server-java-opts", paramLabel = "OPTS",
      description = "Without --server: extra JVM options of the server started, e.g."
          + " -XX:StartFlightRecording=filename=/tmp/serve.jfr")
  String serverJavaOpts = "";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (clients < 1 || clients > 1024) {
      throw new ParameterException(spec.commandLine(), "--clients must be between 1 and 1024, got: " + clients);
    }
    if (rate < 0 || rate > 100_000) {
      throw new ParameterException(spec.commandLine(), "--rate must be between 0 and 100000, got: " + rate);
    }
    if (chunks < 1) {
      throw new ParameterException(spec.commandLine(), "--chunks must be >= 1, got: " + chunks);
    }
    Workload work = Workload.read(scifact, locomo);
    Map<String, LoadOp> ops = LoadOps.all(work, Main.of(spec).env);
    Mix parsed;
    try {
      parsed = Mix.parse(mix, ops.keySet());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Optional<EngramClient> named = remote.client();
    if (named.isPresent()) {
      if (data != null || !serverJavaOpts.isBlank()) {
        throw new ParameterException(spec.commandLine(), "--data and --server-java-opts are for the"
            + " server this command starts; with --server the server is already running");
      }
      URI url = URI.create(remote.url());
      return bench(new LoadTarget(url, remote.key(), named.get()), work, ops, parsed, setup, chunks, out);
    }
    Path dir = data != null ? data : Files.createTempDirectory("engram-bench-server");
    boolean load = setup || data == null;
    if (load) {
      ingest(dir, out);
    }
    String admin = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    List<String> javaOpts = serverJavaOpts.isBlank() ? List.of() : List.of(serverJavaOpts.strip().split("\\s+"));
    try (ServerProcess server = ServerProcess.start(dir, admin, javaOpts)) {
      out.println("server: engram serve on " + dir + " at " + server.url() + " (pid " + server.pid() + ")");
      String key = EngramClient.builder().baseUrl(server.url()).apiKey(admin).build()
          .createKey("bench", "bench server").key();
      EngramClient client = EngramClient.builder().baseUrl(server.url()).apiKey(key).build();
      return bench(new LoadTarget(server.url(), key, client), work, ops, parsed, load, 0, out);
    } finally {
      if (data == null) {
        Dirs.deleteRecursively(dir);
      }
    }
  }

  /** The corpus into {@code dir}'s tenant {@code bench}, as {@code engram ingest} does. */
  private void ingest(Path dir, PrintWriter out) {
    Path corpus = scifact.resolve("corpus.jsonl");
    out.println("setup: engram ingest --data " + dir + " --tenant bench " + corpus);
    out.flush();
    Main main = Main.of(spec);
    int code = Main.run(new String[] {"ingest", "--data", dir.toString(), "--tenant", "bench",
        corpus.toString()}, main.in, main.env, out, spec.commandLine().getErr());
    if (code != 0) {
      throw new EngramException("ENGRAM-933", "setup could not ingest " + corpus
          + " into " + dir + " (exit " + code + "; the error is above)");
    }
  }

  private int bench(LoadTarget target, Workload work, Map<String, LoadOp> ops, Mix parsed,
      boolean load, int postChunks, PrintWriter out) throws Exception {
    if (load) {
      out.println("setup: " + (postChunks > 0 ? postChunks + " SciFact chunks posted, " : "")
          + "LoCoMo conversations 1-" + Workload.REMEMBERED + " remembered");
      out.flush();
      Setup.Loaded l = Setup.load(target.client(), scifact, postChunks, work, out);
      out.printf(Locale.ROOT, "setup: %d documents (%d chunks), %d sessions remembered in %.0f s%n",
          l.documents(), l.chunks(), l.sessions(), l.seconds());
    }
    if (duration.isZero()) {
      return 0;
    }
    for (String name : parsed.names()) {
      try {
        ops.get(name).prepare(target);
      } catch (EngramException e) {
        // The op's message leads with its code (its errors are reported by message under load).
        throw new EngramException(e.code(), e.getMessage().replaceFirst("^" + e.code() + ": ", ""), e);
      }
    }
    out.printf(Locale.ROOT, "load: %d clients, %s warm-up, %s measured, mix %s, %s%n", clients,
        text(warmup), text(duration), parsed, rate > 0 ? String.format(Locale.ROOT,
            "%.0f requests/s due (latency from when due)", rate) : "closed loop");
    long measured = System.nanoTime() + warmup.toNanos(); // for the operations' own summaries
    out.flush();
    // The server's CPU time when the warm-up ends and after the run: CPU per request measured,
    // whatever else the machine runs (the bench clients' own CPU is not in it).
    CompletableFuture<OptionalDouble> cpuFrom = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(warmup);
        cpuFrom.complete(ServerMemory.cpuSeconds(target.url()));
      } catch (InterruptedException e) {
        cpuFrom.complete(OptionalDouble.empty());
      }
    });
    LoadRun.Result r = new LoadRun(target, ops, parsed, rate).run(clients, warmup, duration);
    OptionalDouble cpuTo = ServerMemory.cpuSeconds(target.url());
    out.printf(Locale.ROOT, "%-10s %9s %8s %8s %8s %8s %7s%n", "operation", "requests", "req/s",
        "p50 ms", "p95 ms", "p99 ms", "errors");
    for (LoadRun.OpResult o : r.ops()) {
      row(out, o.name(), o.latencies(), o.errors(), r);
    }
    row(out, "all", r.all(), r.errors(), r);
    for (LoadRun.OpResult o : r.ops()) {
      o.firstErrors().forEach(e -> out.println("  " + o.name() + " error: " + e));
    }
    OptionalDouble from = cpuFrom.join();
    if (from.isPresent() && cpuTo.isPresent() && r.requests() > 0) {
      double used = cpuTo.getAsDouble() - from.getAsDouble();
      out.printf(Locale.ROOT, "server CPU: %.1f s in the %s measured (%.2f cores busy), %.2f ms per request%n",
          used, text(duration), used / (duration.toNanos() / 1e9), used * 1000 / r.requests());
    }
    ServerMemory.Resident rss = ServerMemory.read(target.url());
    out.println("server resident memory: " + (rss.mib().isPresent()
        ? String.format(Locale.ROOT, "%.0f MiB now, %.0f MiB peak", rss.mib().getAsDouble(),
            rss.peakMib().orElse(0)) : "not reported (the server's /metrics has no resident memory gauge)"));
    for (String name : parsed.names()) {
      if (ops.get(name) instanceof Summarized s) {
        s.summary(measured, measured + duration.toNanos()).forEach(out::println);
      }
    }
    return r.errors() == 0 ? 0 : 1;
  }

  private static void row(PrintWriter out, String name, Latencies l, int errors, LoadRun.Result r) {
    out.printf(Locale.ROOT, "%-10s %9d %8.1f %8.1f %8.1f %8.1f %7d%n", name, l.count(),
        r.perSecond(l.count()), l.percentileMillis(50), l.percentileMillis(95),
        l.percentileMillis(99), errors);
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** {@code 30s}, {@code 2m}, {@code 500ms} or a number of seconds. */
  static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      try {
        Duration d;
        if (v.endsWith("ms")) {
          d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
        } else if (v.endsWith("m")) {
          d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).strip()));
        } else {
          d = Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1).strip() : v));
        }
        if (d.isNegative() || d.compareTo(Duration.ofHours(24)) > 0) {
          throw new IllegalArgumentException("a time between 0 and 24 h, got: " + value);
        }
        return d;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("a time such as 30s, 2m or 500ms, got: " + value);
      }
    }
  }
}
