package dev.engram.cli.load;

import dev.engram.eval.Latencies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A run of {@code clients} threads for the warm-up (not counted) and then the measured time.
 * Closed loop by default: each client sends its next request as soon as the last one is
 * answered. With a rate, requests are due at fixed times (rate per second, all clients together)
 * and a free client sends the next one due; a request's latency counts from when it was due, so
 * a server that falls behind shows it in the latency (no coordinated omission). Each thread keeps
 * its own samples, merged at the end, so timing takes no lock on the path it measures.
 */
public final class LoadRun {
  /** Distinct error messages kept per operation: enough to see what failed, not a flood. */
  private static final int ERRORS_KEPT = 3;

  private final LoadTarget target;
  private final Map<String, LoadOp> ops;
  private final Mix mix;
  /** Requests per second, all clients together; 0 for a closed loop. */
  private final double rate;

  public LoadRun(LoadTarget target, Map<String, LoadOp> ops, Mix mix, double rate) {
    if (rate < 0) {
      throw new IllegalArgumentException("rate must be >= 0, got: " + rate);
    }
    this.target = target;
    this.ops = ops;
    this.mix = mix;
    this.rate = rate;
  }

  /** What one operation did in the measured time. */
  public record OpResult(String name, Latencies latencies, int errors, List<String> firstErrors) {}

  /** Runs and returns the measured results per operation, in the mix's order, and the time measured. */
  public Result run(int clients, Duration warmup, Duration duration) throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    List<Map<String, Latencies>> samples = new ArrayList<>();
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    Map<String, List<String>> messages = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(clients);
    java.util.concurrent.atomic.AtomicLong tickets = new java.util.concurrent.atomic.AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Map<String, Latencies> mine = new LinkedHashMap<>();
      mix.names().forEach(n -> mine.put(n, new Latencies()));
      samples.add(mine);
      int client = c;
      threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
        try {
          for (long own = client; ; own++) {
            long n = own;
            long t0 = System.nanoTime();
            if (rate > 0) {
              n = tickets.getAndIncrement();
              long due = start + (long) (n * 1e9 / rate);
              if (due > t0) {
                java.util.concurrent.locks.LockSupport.parkNanos(due - t0);
              }
              t0 = due;
            }
            if (t0 >= end) {
              return;
            }
            String kind = mix.pick(n);
            try {
              ops.get(kind).call(target, client, n);
              long t1 = System.nanoTime();
              if (t0 >= measureFrom && t1 <= end) {
                mine.get(kind).add(t1 - t0);
              }
            } catch (Exception e) {
              if (t0 >= measureFrom) {
                errors.merge(kind, 1, Integer::sum);
                List<String> kept = messages.computeIfAbsent(kind, k -> new ArrayList<>());
                synchronized (kept) {
                  String m = e.getClass().getSimpleName() + ": " + e.getMessage();
                  if (kept.size() < ERRORS_KEPT && !kept.contains(m)) {
                    kept.add(m);
                  }
                }
              }
            }
          }
        } finally {
          done.countDown();
        }
      }));
    }
    done.await();
    List<OpResult> results = new ArrayList<>();
    for (String kind : mix.names()) {
      Latencies all = new Latencies();
      samples.forEach(s -> s.get(kind).addAll(all));
      results.add(new OpResult(kind, all, errors.getOrDefault(kind, 0),
          List.copyOf(messages.getOrDefault(kind, List.of()))));
    }
    return new Result(results, duration);
  }

  /** Every operation's results and the measured time. */
  public record Result(List<OpResult> ops, Duration measured) {
    public int requests() {
      return ops.stream().mapToInt(o -> o.latencies().count()).sum();
    }

    public int errors() {
      return ops.stream().mapToInt(OpResult::errors).sum();
    }

    public double perSecond(int count) {
      return count / (measured.toNanos() / 1e9);
    }

    /** All operations' samples together. */
    public Latencies all() {
      Latencies all = new Latencies();
      ops.forEach(o -> o.latencies().addAll(all));
      return all;
    }
  }
}
