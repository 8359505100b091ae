package dev.engram.server.openai;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The proxied turns waiting to be remembered, off the request path: each owner's turns run one
 * after another in the order their replies were sent, different owners' run side by side (at
 * most {@code workers} at once), and at most {@code capacity} wait in all, of them at most
 * {@code perOwner} of one owner (so one client flooding the proxy cannot hold the others' replies
 * up).
 *
 * <p>A turn takes its place with {@link #reserve} before its reply is sent, so the order is that
 * of the replies and a client that has its reply can wait for {@link #awaitIdle} without a race.
 * When the queue is full, {@code reserve} waits up to {@code maxWait} for room (the reply waits
 * with it: a client that talks faster than the server remembers is slowed down rather than
 * forgotten); after that the turn is dropped, counted and logged. {@link #close} takes no new
 * turns and waits for those taken.
 */
final class RememberQueue implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RememberQueue.class.getName());
  private static final Runnable NOTHING = () -> {};
  /**
   * How long a stop that gave up on the waiting turns still lets the running ones finish: a
   * remember took about 0.2 s on the loaded test machine, so 5 s covers one with room to spare.
   */
  private static final Duration RUNNING_GRACE = Duration.ofSeconds(5);

  /** Whose turns keep their order: one user of one tenant. */
  record Owner(String tenant, String user) {}

  /**
   * A turn's place in its owner's line. Exactly one of {@link #submit} and {@link #cancel} counts
   * (the first); the owner's later turns wait until then, so every reserved slot must be ended.
   */
  static final class Slot {
    private final CompletableFuture<Runnable> job = new CompletableFuture<>();

    /** Remembers with {@code remember} when the owner's earlier turns are done. */
    void submit(Runnable remember) {
      job.complete(remember);
    }

    /** Gives the place up: the reply did not reach the client, or the turn is not remembered. */
    void cancel() {
      job.complete(NOTHING);
    }
  }

  private final int capacity;
  private final int perOwner;
  private final Duration maxWait;
  private final ProxyMetrics metrics;
  private final Semaphore running;
  private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("engram-remember-", 0).factory());
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // guarded by lock:
  private final Map<Owner, CompletableFuture<Void>> tails = new HashMap<>();
  private final Map<Owner, Integer> owners = new HashMap<>();
  private int pending;
  private boolean closed;
  /** Set once a stop has waited as long as it could: turns not yet started are dropped. */
  private volatile boolean abandoned;

  /**
   * @param capacity turns that may wait at once
   * @param perOwner turns of one owner that may wait at once
   * @param maxWait how long a turn waits for room when the queue is full
   * @param workers turns remembered at once (of different owners)
   */
  RememberQueue(int capacity, int perOwner, Duration maxWait, int workers, ProxyMetrics metrics) {
    this.capacity = capacity;
    this.perOwner = perOwner;
    this.maxWait = maxWait;
    this.metrics = metrics;
    this.running = new Semaphore(workers);
    metrics.queue(this::pending);
  }

  /**
   * A place at the end of {@code owner}'s line, waiting for room when the queue is full; empty
   * (the turn dropped, counted and logged) when there is none within the wait, or once closed.
   */
  Optional<Slot> reserve(Owner owner) {
    lock.lock();
    try {
      long nanos = maxWait.toNanos();
      while (full(owner) && !closed && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      if (closed || full(owner)) {
        metrics.rememberDropped();
        LOG.log(System.Logger.Level.WARNING, "proxy: a turn of user " + owner.user() + " is not"
            + " remembered: " + (closed ? "the server is stopping" : (pending >= capacity
                ? capacity + " turns" : perOwner + " turns of this user") + " have waited to be"
            + " remembered for " + maxWait.toSeconds() + " s"));
        return Optional.empty();
      }
      pending++;
      owners.merge(owner, 1, Integer::sum);
      Slot slot = new Slot();
      CompletableFuture<Void> before = tails.getOrDefault(owner, CompletableFuture.completedFuture(null));
      CompletableFuture<Void> tail = before.thenCompose(v -> slot.job)
          .thenAcceptAsync(this::run, threads)
          .exceptionally(e -> {
            // Refused by the threads a stop shut down: dropped, and the owner's line goes on.
            if (slot.job.getNow(NOTHING) != NOTHING) {
              metrics.rememberDropped();
            }
            return null;
          });
      tails.put(owner, tail);
      tail.whenComplete((v, e) -> done(owner, tail));
      return Optional.of(slot);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      metrics.rememberDropped();
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** True when there is no room for a turn of {@code owner}; called holding the lock. */
  private boolean full(Owner owner) {
    return pending >= capacity || owners.getOrDefault(owner, 0) >= perOwner;
  }

  private void run(Runnable remember) {
    if (remember == NOTHING) {
      return;
    }
    if (abandoned) {
      metrics.rememberDropped();
      return;
    }
    running.acquireUninterruptibly();
    try {
      remember.run();
    } catch (RuntimeException e) {
      metrics.rememberFailed();
      LOG.log(System.Logger.Level.WARNING, "proxy: remembering a turn failed", e);
    } finally {
      running.release();
    }
  }

  private void done(Owner owner, CompletableFuture<Void> tail) {
    lock.lock();
    try {
      pending--;
      owners.computeIfPresent(owner, (o, n) -> n == 1 ? null : n - 1);
      tails.remove(owner, tail);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Turns reserved and not yet remembered (or given up). */
  int pending() {
    lock.lock();
    try {
      return pending;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code timeout} until no turn is waiting; true when none is. */
  boolean awaitIdle(Duration timeout) {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (pending > 0 && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      return pending == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return pending == 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes no new turns and waits up to {@code drain} for those taken to be remembered; logs how
   * many were left when it could not wait for all. Idempotent.
   */
  void close(Duration drain) {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (!awaitIdle(drain)) {
      abandoned = true;
      LOG.log(System.Logger.Level.WARNING, "proxy: stopping with " + pending() + " turns not yet"
          + " remembered after waiting " + drain.toSeconds() + " s for them; they are dropped");
    }
    // No interrupt: a thread interrupted inside an index write can break the index for all.
    threads.shutdown();
    try {
      threads.awaitTermination(RUNNING_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ZERO);
  }
}
