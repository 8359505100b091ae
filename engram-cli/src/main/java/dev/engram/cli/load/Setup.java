package dev.engram.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.client.DocumentFields;
import dev.engram.client.EngramClient;
import dev.engram.client.Message;
import dev.engram.client.Owner;
import dev.engram.common.InvalidInputException;
import dev.engram.eval.memory.LocomoConversation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads what the bench runs against, through the API as an application would: SciFact
 * abstracts posted as documents (title, source {@code scifact/ID}) until {@code chunks} chunks
 * are posted, and LoCoMo conversations 1 and 2 remembered, each session in one
 * call at its date-time, by the user {@link Workload#ownerOf} names. Documents already there are
 * reported unchanged and cost little; a conversation whose user already has memories is skipped,
 * so setup can run again on the same data directory.
 */
public final class Setup {
  /** Posting threads: the server embeds, and two cores are busy with four requests at a time. */
  private static final int POSTERS = 4;

  private Setup() {}

  /** What setup loaded. */
  public record Loaded(int documents, int chunks, int sessions, double seconds) {}

  /**
   * Posts SciFact documents until {@code chunks} (0: none, when the corpus was ingested into the
   * data directory before the server started) and remembers LoCoMo 1-2.
   */
  public static Loaded load(EngramClient client, Path scifact, int chunks, Workload work,
      PrintWriter out) throws Exception {
    long t0 = System.nanoTime();
    List<JsonNode> docs = chunks == 0 ? List.of() : readCorpus(scifact.resolve("corpus.jsonl"));
    AtomicInteger posted = new AtomicInteger();
    AtomicInteger chunked = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(POSTERS)) {
      List<Future<?>> running = new ArrayList<>();
      for (int p = 0; p < POSTERS; p++) {
        running.add(pool.submit(() -> {
          for (int i; chunked.get() < chunks && (i = next.getAndIncrement()) < docs.size(); ) {
            JsonNode d = docs.get(i);
            var written = client.addDocument(d.path("text").asText(), DocumentFields.none()
                .withTitle(d.path("title").asText()).withSource("scifact/" + d.path("_id").asText()));
            int c = chunked.addAndGet(written.documents().stream().mapToInt(w -> w.chunks()).sum());
            if (posted.incrementAndGet() % 500 == 0) {
              out.printf("  %d documents, %d chunks%n", posted.get(), c);
              out.flush();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    }
    int sessions = 0;
    for (LocomoConversation c : work.remembered()) {
      Owner owner = Workload.ownerOf(c);
      if (client.memories(owner, true, 1, 1).total() > 0) {
        out.println("  " + owner.userId() + " has memories already: not remembered again");
        continue;
      }
      for (LocomoConversation.Session s : c.sessions()) {
        if (s.turns().isEmpty()) {
          continue;
        }
        List<Message> messages = s.turns().stream()
            .map(t -> Message.user(t.text()).named(t.speaker()).at(s.time())).toList();
        client.remember(owner.withSession(s.name()), messages, true);
        sessions++;
      }
    }
    return new Loaded(posted.get(), chunked.get(), sessions, (System.nanoTime() - t0) / 1e9);
  }

  private static List<JsonNode> readCorpus(Path file) {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> docs = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank()) {
          docs.add(json.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("ENGRAM-931", "cannot read the corpus " + file
          + " (give --scifact DIR, a BEIR folder with corpus.jsonl): " + e.getMessage());
    }
    return docs;
  }
}
