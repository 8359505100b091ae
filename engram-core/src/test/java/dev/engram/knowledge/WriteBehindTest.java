package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.Scope;
import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.Embedder;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.Collection;
import dev.engram.index.FailingIndex;
import dev.engram.index.InMemoryIndex;
import dev.engram.index.Index;
import dev.engram.index.Revision;
import dev.engram.index.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest's index writes run beside the next batch's embedding, in order, none outliving it. */
class WriteBehindTest {
  private static final Scope ACME = Scope.ofTenant("acme");

  @TempDir Path dir;
  private final FakeEmbedder fake = new FakeEmbedder(8);

  @Test
  void should_embed_the_next_batch_while_the_previous_batch_is_written() throws IOException {
    Path folder = notes(300); // two write batches: 256 chunks, then 44
    CountDownLatch secondEmbedding = new CountDownLatch(1);
    AtomicInteger embedCalls = new AtomicInteger();
    Embedder embedder = new CountingEmbedder(fake, () -> {
      if (embedCalls.incrementAndGet() == 2) {
        secondEmbedding.countDown();
      }
    });
    AtomicInteger overlapped = new AtomicInteger();
    Index index = new BlockingIndex(InMemoryIndex.create(fake.space()), writeNumber -> {
      // The first write waits for the second batch's embedding: it only comes if the ingest
      // goes on while this write is in flight (serial writes would time out here).
      if (writeNumber == 1 && await(secondEmbedding)) {
        overlapped.incrementAndGet();
      }
    });

    IngestReport report = new Ingestor(index, embedder, new Chunker(new Cl100kTokenCounter()),
        Clock.systemUTC()).ingest(ACME, List.of(folder), IngestOptions.defaults(), IngestListener.NONE);

    assertThat(overlapped).hasValue(1);
    assertThat(report.added()).isEqualTo(300);
    assertThat(new KnowledgeBases(index).documents(ACME, 1_000)).hasSize(300);
  }

  @Test
  void should_write_nothing_after_a_failed_write_and_throw_its_failure() throws IOException {
    Path folder = notes(600); // three write batches
    FailingIndex index = new FailingIndex(InMemoryIndex.create(fake.space()));
    index.failNextWrites(1);

    assertThatThrownBy(() -> new Ingestor(index, fake, new Chunker(new Cl100kTokenCounter()),
        Clock.systemUTC()).ingest(ACME, List.of(folder), IngestOptions.defaults(), IngestListener.NONE))
        .isInstanceOf(StorageException.class);

    assertThat(index.writes()).isZero();
    assertThat(new KnowledgeBases(index).documents(ACME, 1_000)).isEmpty();
  }

  @Test
  void should_wait_for_the_write_in_flight_when_embedding_fails() throws IOException {
    Path folder = notes(300);
    AtomicInteger embedCalls = new AtomicInteger();
    Embedder failingSecond = new CountingEmbedder(fake, () -> {
      if (embedCalls.incrementAndGet() == 2) {
        throw new IllegalStateException("model gone");
      }
    });
    AtomicInteger finished = new AtomicInteger();
    Index index = new BlockingIndex(InMemoryIndex.create(fake.space()), writeNumber -> {
      sleep(200); // still writing when the second embedding fails
      finished.incrementAndGet();
    });

    assertThatThrownBy(() -> new Ingestor(index, failingSecond, new Chunker(new Cl100kTokenCounter()),
        Clock.systemUTC()).ingest(ACME, List.of(folder), IngestOptions.defaults(), IngestListener.NONE))
        .hasMessage("model gone");

    assertThat(finished).hasValue(1); // the first batch's write ended before the ingest threw
    assertThat(new KnowledgeBases(index).documents(ACME, 1_000)).hasSize(256);
  }

  @Test
  void should_ingest_a_file_once_when_it_is_given_twice() throws IOException {
    Path folder = notes(3);
    FailingIndex index = new FailingIndex(InMemoryIndex.create(fake.space()));

    IngestReport report = new Ingestor(index, fake, new Chunker(new Cl100kTokenCounter()),
        Clock.systemUTC()).ingest(ACME, List.of(folder, folder.resolve("n001.txt")),
        IngestOptions.defaults(), IngestListener.NONE);

    assertThat(report.added()).isEqualTo(3);
    assertThat(index.collection(KnowledgeRecords.CHUNKS).count(KnowledgeRecords.filter(ACME)))
        .isEqualTo(3);
  }

  private Path notes(int n) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("notes"));
    for (int i = 0; i < n; i++) {
      Files.writeString(folder.resolve(String.format("n%03d.txt", i)), "Note " + i + " about the moon.\n");
    }
    return folder;
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An embedder that runs a hook before each document call. */
  private record CountingEmbedder(Embedder delegate, Runnable beforeDocuments) implements Embedder {
    @Override
    public VectorSpace space() {
      return delegate.space();
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
      beforeDocuments.run();
      return delegate.embedDocuments(texts);
    }

    @Override
    public float[] embedQuery(String query) {
      return delegate.embedQuery(query);
    }
  }

  /** An index that runs a hook, given the write's number from 1, before each write. */
  private static final class BlockingIndex implements Index {
    private final Index delegate;
    private final IntConsumer beforeWrite;
    private final AtomicInteger writes = new AtomicInteger();

    BlockingIndex(Index delegate, IntConsumer beforeWrite) {
      this.delegate = delegate;
      this.beforeWrite = beforeWrite;
    }

    @Override
    public Collection collection(String name) {
      return delegate.collection(name);
    }

    @Override
    public VectorSpace vectorSpace() {
      return delegate.vectorSpace();
    }

    @Override
    public Revision revision(String key) {
      return delegate.revision(key);
    }

    @Override
    public void write(WriteBatch batch) {
      beforeWrite.accept(writes.incrementAndGet());
      delegate.write(batch);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
