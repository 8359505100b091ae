package dev.engram.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RememberQueueTest {
  private static final RememberQueue.Owner ANN = new RememberQueue.Owner("acme", "ann");
  private static final RememberQueue.Owner BOB = new RememberQueue.Owner("acme", "bob");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProxyMetrics metrics = new ProxyMetrics(registry);
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private RememberQueue queue;

  @AfterEach
  void close() {
    if (queue != null) {
      queue.close(Duration.ofSeconds(5));
    }
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).as("within 10 s").isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void should_run_one_owners_turns_in_reservation_order_when_they_are_submitted_out_of_order() {
    queue = new RememberQueue(16, 16, Duration.ofSeconds(1), 4, metrics);
    RememberQueue.Slot first = queue.reserve(ANN).orElseThrow();
    RememberQueue.Slot second = queue.reserve(ANN).orElseThrow();
    RememberQueue.Slot third = queue.reserve(ANN).orElseThrow();
    third.submit(() -> ran.add("third"));
    second.submit(() -> ran.add("second"));
    assertThat(queue.awaitIdle(Duration.ofMillis(200))).as("the first holds the line").isFalse();
    assertThat(ran).isEmpty();
    first.submit(() -> ran.add("first"));
    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(ran).containsExactly("first", "second", "third");
    assertThat(registry.get("engram.proxy.remember.queue").gauge().value()).isZero();
  }

  @Test
  void should_remember_another_owner_while_one_owner_is_busy() {
    queue = new RememberQueue(16, 16, Duration.ofSeconds(1), 4, metrics);
    CountDownLatch annStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch bobDone = new CountDownLatch(1);
    queue.reserve(ANN).orElseThrow().submit(() -> {
      annStarted.countDown();
      await(release);
      ran.add("ann");
    });
    await(annStarted);
    queue.reserve(BOB).orElseThrow().submit(() -> {
      ran.add("bob");
      bobDone.countDown();
    });
    await(bobDone);
    assertThat(ran).containsExactly("bob");
    assertThat(queue.pending()).isEqualTo(1);
    release.countDown();
    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(ran).containsExactly("bob", "ann");
  }

  @Test
  void should_wait_for_room_then_drop_and_count_the_turn_when_the_queue_stays_full() {
    queue = new RememberQueue(1, 1, Duration.ofMillis(300), 1, metrics);
    RememberQueue.Slot held = queue.reserve(ANN).orElseThrow();
    long t0 = System.nanoTime();
    Optional<RememberQueue.Slot> none = queue.reserve(BOB);
    long waited = (System.nanoTime() - t0) / 1_000_000;
    assertThat(none).isEmpty();
    assertThat(waited).as("ms waited for room").isGreaterThanOrEqualTo(250);
    assertThat(counter("engram.proxy.remember.dropped")).isEqualTo(1.0);
    held.cancel();
    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(queue.reserve(BOB)).as("room again once the held turn was given up").isPresent()
        .hasValueSatisfying(RememberQueue.Slot::cancel);
  }

  @Test
  void should_hold_up_only_the_owner_with_too_many_turns_waiting_when_the_queue_has_room() {
    queue = new RememberQueue(16, 2, Duration.ofMillis(200), 1, metrics);
    RememberQueue.Slot first = queue.reserve(ANN).orElseThrow();
    RememberQueue.Slot second = queue.reserve(ANN).orElseThrow();
    assertThat(queue.reserve(ANN)).as("ann's third while two wait").isEmpty();
    RememberQueue.Slot bob = queue.reserve(BOB).orElseThrow();
    assertThat(counter("engram.proxy.remember.dropped")).isEqualTo(1.0);
    first.cancel();
    second.cancel();
    bob.cancel();
    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(queue.reserve(ANN)).as("room for ann again").isPresent().hasValueSatisfying(RememberQueue.Slot::cancel);
  }

  @Test
  void should_give_room_to_a_waiting_turn_as_soon_as_one_is_remembered() throws Exception {
    queue = new RememberQueue(1, 1, Duration.ofSeconds(10), 1, metrics);
    RememberQueue.Slot held = queue.reserve(ANN).orElseThrow();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread other = Thread.ofVirtual().start(() -> {
      waiting.countDown();
      queue.reserve(BOB).orElseThrow().submit(() -> ran.add("bob"));
    });
    await(waiting);
    held.submit(() -> ran.add("ann"));
    other.join(10_000);
    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(ran).containsExactly("ann", "bob");
    assertThat(counter("engram.proxy.remember.dropped")).isZero();
  }

  @Test
  void should_count_a_failed_turn_and_go_on_with_the_owners_next_one() {
    queue = new RememberQueue(16, 16, Duration.ofSeconds(1), 2, metrics);
    queue.reserve(ANN).orElseThrow().submit(() -> {
      throw new IllegalStateException("the index is broken");
    });
    queue.reserve(ANN).orElseThrow().submit(() -> ran.add("next"));
    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(ran).containsExactly("next");
    assertThat(counter("engram.proxy.remember.failures")).isEqualTo(1.0);
  }

  @Test
  void should_remember_every_turn_taken_before_closing_and_drop_those_after() {
    queue = new RememberQueue(16, 16, Duration.ofSeconds(1), 1, metrics);
    CountDownLatch started = new CountDownLatch(1);
    queue.reserve(ANN).orElseThrow().submit(() -> {
      started.countDown();
      sleep(300);
      ran.add("one");
    });
    RememberQueue.Slot late = queue.reserve(ANN).orElseThrow();
    await(started);
    Thread closing = Thread.ofVirtual().start(() -> queue.close(Duration.ofSeconds(10)));
    sleep(50);
    late.submit(() -> ran.add("two"));
    try {
      closing.join(15_000);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(ran).as("both taken before the stop").containsExactly("one", "two");
    assertThat(queue.reserve(BOB)).as("taken after the stop").isEmpty();
    assertThat(counter("engram.proxy.remember.dropped")).isEqualTo(1.0);
  }

  @Test
  void should_drop_the_waiting_turns_when_the_stop_cannot_wait_for_them() {
    queue = new RememberQueue(16, 16, Duration.ofSeconds(1), 1, metrics);
    RememberQueue.Slot stuck = queue.reserve(ANN).orElseThrow();
    queue.reserve(ANN).orElseThrow().submit(() -> ran.add("after the stuck one"));
    queue.close(Duration.ofMillis(100));
    stuck.submit(() -> ran.add("stuck"));
    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(ran).as("nothing runs against an engine about to close").isEmpty();
    assertThat(counter("engram.proxy.remember.dropped")).isEqualTo(2.0);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
