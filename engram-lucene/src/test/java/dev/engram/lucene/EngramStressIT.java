package dev.engram.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.embed.FakeEmbedder;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.KnowledgeDocument;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.RememberResult;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@link Engram} on a real Lucene index serving 8 threads at once: ingest, search, remember
 * (with supersedes), recall and erase across 3 tenants and 10 users each. Each memory owner is
 * written by one thread only (reads go everywhere), so the end state is known exactly whatever
 * the interleaving; the run is bounded by 20 seconds and by an operation count, and its
 * assertions never depend on timing.
 */
class EngramStressIT {
  private static final int THREADS = 8;
  private static final int TENANTS = 3;
  private static final int USERS = 10;
  private static final long SECONDS = 20;
  private static final int MAX_OPS_PER_THREAD = 400;

  @TempDir Path tmp;

  /** What one owner has acknowledged since it was last erased. */
  private record Owner(Scope scope, List<String> messages, List<String> erasedMessages) {}

  @Test
  void should_keep_every_acknowledged_write_and_never_cross_tenants_under_concurrent_load()
      throws Exception {
    FakeEmbedder embedder = new FakeEmbedder("stress", 16);
    Path data = tmp.resolve("index");
    Map<String, Owner> owners = new ConcurrentHashMap<>();
    Map<String, List<String>> docsByTenant = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicInteger supersedes = new AtomicInteger();
    AtomicInteger erases = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    for (int t = 0; t < TENANTS; t++) {
      docsByTenant.put("t" + t, java.util.Collections.synchronizedList(new ArrayList<>()));
      for (int u = 0; u < USERS; u++) {
        Scope s = Scope.ofTenant("t" + t).withUser("u" + u);
        owners.put(key(s), new Owner(s, new ArrayList<>(), new ArrayList<>()));
      }
    }
    List<Owner> all = List.copyOf(owners.values()).stream()
        .sorted(java.util.Comparator.comparing(o -> key(o.scope()))).toList();
    long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;

    try (Engram engram = Engram.builder().index(LuceneIndex.open(data, embedder.space()))
        .embedder(embedder).build()) {
      try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
          int worker = w;
          List<Owner> mine = new ArrayList<>();
          for (int i = worker; i < all.size(); i += THREADS) {
            mine.add(all.get(i));
          }
          workers.add(pool.submit(() -> {
            Random random = new Random(42 + worker);
            int ops = 0;
            while (ops < MAX_OPS_PER_THREAD && (ops < 8 || System.nanoTime() < deadline)) {
              Owner o = mine.get(random.nextInt(mine.size()));
              String tenant = o.scope().tenant();
              String user = o.scope().user().orElseThrow();
              // The first eight operations of each thread run every kind once.
              switch (ops < 8 ? ops : random.nextInt(8)) {
                case 0 -> {
                  String name = "w" + worker + "-op" + ops;
                  Path dir = Files.createDirectories(tmp.resolve("files").resolve(tenant).resolve(name));
                  Path file = Files.writeString(dir.resolve(name + ".md"),
                      "# " + name + "\n\nNotes of tenant " + tenant + " number " + ops + ".\n");
                  engram.ingest(Scope.ofTenant(tenant), List.of(file), IngestOptions.defaults(),
                      IngestListener.NONE);
                  docsByTenant.get(tenant).add(file.toAbsolutePath().normalize().toString());
                }
                case 1, 2 -> {
                  RememberResult r = engram.memories().remember(o.scope().withSession("s" + random.nextInt(3)),
                      List.of(Message.of(user, "I am " + user + " of " + tenant + " and my code word is w"
                          + worker + "x" + ops + ".", Instant.ofEpochSecond(1_700_000_000L + ops))));
                  synchronized (o) {
                    o.messages().addAll(r.messageIds());
                  }
                }
                case 3 -> {
                  // Two cities in a row, so that every such operation supersedes at least once
                  // however few operations a loaded machine runs before the deadline.
                  int city = random.nextInt(5);
                  for (int move = 0; move < 2; move++) {
                    RememberResult r = engram.memories().remember(o.scope().withSession("home"),
                        List.of(Message.of(user, "I live in city" + (city + move) % 5 + ".",
                            Instant.ofEpochSecond(1_700_000_000L + 2L * ops + move))));
                    supersedes.addAndGet((int) r.decisions().stream()
                        .filter(d -> d.action() == Action.SUPERSEDE).count());
                    synchronized (o) {
                      o.messages().addAll(r.messageIds());
                    }
                  }
                }
                case 4, 5 -> {
                  Owner other = all.get(random.nextInt(all.size()));
                  for (RecalledMemory m : engram.memories().recall(
                      RecallQuery.of(other.scope(), "code word city").withK(10))) {
                    // Every text remembered names its owner ("u3 of t1"); another's name is a leak.
                    String owner = other.scope().user().orElseThrow() + " of " + other.scope().tenant();
                    if (m.text().contains(" of t") && !m.text().contains(owner)) {
                      violations.add("recall of " + key(other.scope()) + " returned " + m.text());
                    }
                  }
                  reads.incrementAndGet();
                }
                case 6 -> {
                  String t = "t" + random.nextInt(TENANTS);
                  for (SearchHit h : engram.search(Scope.ofTenant(t),
                      SearchRequest.of("notes of tenant", 20))) {
                    if (!h.source().contains("/files/" + t + "/")) {
                      violations.add("search of " + t + " returned " + h.source());
                    }
                  }
                  reads.incrementAndGet();
                }
                default -> {
                  if (random.nextInt(4) == 0) {
                    engram.memories().erase(o.scope());
                    erases.incrementAndGet();
                    synchronized (o) {
                      o.erasedMessages().addAll(o.messages());
                      o.messages().clear();
                    }
                  }
                }
              }
              ops++;
            }
            return ops;
          }));
        }
        int total = 0;
        for (Future<Integer> w : workers) {
          total += w.get();
        }
        assertThat(total).isGreaterThanOrEqualTo(THREADS * 8);
      }

      assertThat(violations).isEmpty();
      assertThat(reads.get()).isPositive();
      assertThat(erases.get()).isPositive();
      assertThat(supersedes.get()).isPositive();
      checkEndState(engram, owners, docsByTenant);
    }
    // The index reopens clean, with the same contents.
    try (Engram reopened = Engram.builder().index(LuceneIndex.open(data, embedder.space()))
        .embedder(new FakeEmbedder("stress", 16)).build()) {
      checkEndState(reopened, owners, docsByTenant);
    }
  }

  private static void checkEndState(Engram engram, Map<String, Owner> owners,
      Map<String, List<String>> docsByTenant) {
    for (Owner o : owners.values()) {
      assertThat(engram.memories().messages(o.scope(), o.messages()))
          .as("acknowledged messages of " + key(o.scope())).hasSize(o.messages().size());
      assertThat(engram.memories().messages(o.scope(), o.erasedMessages()))
          .as("erased messages of " + key(o.scope())).isEmpty();
      assertThat(engram.memories().messageCount(o.scope())).isEqualTo(o.messages().size());
      if (o.messages().isEmpty()) {
        assertThat(engram.memories().list(o.scope(), true)).isEmpty();
      }
    }
    for (Map.Entry<String, List<String>> e : docsByTenant.entrySet()) {
      List<String> sources = engram.documents(Scope.ofTenant(e.getKey()), 100_000).stream()
          .map(KnowledgeDocument::source).toList();
      assertThat(sources).containsExactlyInAnyOrderElementsOf(e.getValue());
    }
  }

  private static String key(Scope s) {
    return s.tenant() + "/" + s.user().orElseThrow();
  }
}
