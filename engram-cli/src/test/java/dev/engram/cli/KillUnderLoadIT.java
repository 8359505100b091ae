package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.cli.load.ServerProcess;
import dev.engram.client.EngramClient;
import dev.engram.client.Message;
import dev.engram.client.Owner;
import dev.engram.client.RecallQuery;
import dev.engram.client.Remembered;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code engram serve} (a child JVM, real Lucene, the in-jar embedder) while clients
 * remember: after a restart on the same data directory every write the server acknowledged is
 * there, found by id and recalled, and the index takes new writes. Writes in flight at the kill
 * may be lost or kept; only acknowledged ones are promised.
 */
class KillUnderLoadIT {
  private static final String ADMIN = "kill-under-load-it-admin-key-0123456789abcdef";
  /** Writers at once: enough to have writes in flight at the kill on two cores. */
  private static final int WRITERS = 4;
  /** Acknowledged writes before the kill: enough that a lost batch would show. */
  private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

  @TempDir Path tmp;

  /** An acknowledged write: whose, the memory it made, and the city it names. */
  record Ack(String user, String memoryId, String city) {}

  @Test
  @Timeout(300)
  void should_keep_every_acknowledged_memory_write_when_the_server_is_killed_under_load() throws Exception {
    Path data = tmp.resolve("data");
    Map<String, Ack> acked = new ConcurrentHashMap<>();
    List<Throwable> unexpected = new ArrayList<>();
    ServerProcess first = ServerProcess.start(data, ADMIN, List.of());
    String key = EngramClient.builder().baseUrl(first.url()).apiKey(ADMIN).build().createKey("acme", "kill").key();
    EngramClient client = client(first, key);
    AtomicBoolean killed = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; !killed.get(); i++) {
          String user = "w" + writer + "-" + i;
          String city = "Town" + writer + "x" + i;
          try {
            Remembered r = client.remember(Owner.user(user).withSession("s"),
                List.of(Message.user("I live in " + city + " and I keep bees.")), true);
            r.results().stream().filter(e -> e.memory().contains(city)).findFirst()
                .ifPresent(e -> acked.put(user, new Ack(user, e.id(), city)));
          } catch (RuntimeException e) {
            if (!killed.get()) {
              synchronized (unexpected) {
                unexpected.add(e);
              }
            }
            return; // the server is gone: what was in flight is not acknowledged
          }
        }
      }));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (acked.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline && unexpected.isEmpty()) {
      Thread.sleep(50);
    }
    // The flag first, so a write that fails because the server died is not counted as an error;
    // the writes already sent are in flight when the kill comes right after.
    killed.set(true);
    first.kill();
    for (Thread t : writers) {
      t.join(Duration.ofSeconds(60));
    }
    assertThat(unexpected).as("errors before the kill").isEmpty();
    assertThat(acked).as("acknowledged writes before the kill").hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

    try (ServerProcess second = ServerProcess.start(data, ADMIN, List.of())) {
      EngramClient again = client(second, key);
      List<String> missing = new ArrayList<>();
      for (Ack a : acked.values()) {
        try {
          assertThat(again.memory(a.memoryId()).memory()).contains(a.city());
        } catch (RuntimeException | AssertionError e) {
          missing.add(a + ": " + e.getMessage());
        }
      }
      assertThat(missing).as("acknowledged writes after the restart, of " + acked.size()).isEmpty();
      Ack one = acked.values().iterator().next();
      assertThat(again.recall(RecallQuery.of(Owner.user(one.user()), "where do I live")))
          .anySatisfy(m -> assertThat(m.memory()).contains(one.city()));
      Remembered after = again.remember(Owner.user("after-restart"),
          List.of(Message.user("I live in Aftertown.")), true);
      assertThat(again.memory(after.results().getFirst().id()).memory()).contains("Aftertown");
    }
  }

  private static EngramClient client(ServerProcess server, String key) {
    return EngramClient.builder().baseUrl(server.url()).apiKey(key).timeout(Duration.ofSeconds(30)).build();
  }
}
