package dev.engram.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.Alongside;
import dev.engram.common.Scope;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.InMemoryIndex;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.memory.Memories;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.model.Message;
import dev.engram.retrieval.Fusion;
import dev.engram.retrieval.Retriever;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline searching knowledge alongside its memory reads: the same context as one after the other. */
class ContextPipelineTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
  private static final Scope MAYA = Scope.ofUser("maya").withSession("s1");
  private static final QueryRouter BOTH = q -> new RouteDecision(Route.BOTH, "test: both");
  private static final ContextOptions SMALL = new ContextOptions(300, 8, 10, 6);

  private final FakeEmbedder embedder = new FakeEmbedder(16);
  private final InMemoryIndex index = InMemoryIndex.create(embedder.space());
  private final Memories memories = new Memories(index, embedder, CLOCK, new RuleExtractor(ZoneOffset.UTC));
  private Collection chunks;

  @BeforeEach
  void fill() {
    List<IndexRecord> records = new ArrayList<>();
    String[] topics = {"lamp", "fog horn", "harbour", "keeper", "lens"};
    for (int i = 0; i < 40; i++) {
      String text = "The " + topics[i % topics.length] + " of lighthouse " + i
          + " needs care in winter, says keeper number " + (i % 7) + " of the northern coast.";
      records.add(new IndexRecord("c" + i, text, embedder.vector(text),
          Map.of(KnowledgeRecords.TENANT, List.of(Scope.DEFAULT_TENANT), KnowledgeRecords.KB, List.of(Scope.DEFAULT_KB),
              KnowledgeRecords.DOC, List.of("d" + i), KnowledgeRecords.TITLE, List.of("Doc " + i)),
          Map.of()));
    }
    index.write(WriteBatch.builder().upsert(KnowledgeRecords.CHUNKS, records).build());
    chunks = index.collection(KnowledgeRecords.CHUNKS);
    memories.remember(MAYA, List.of(Message.user("I live in Berlin and I keep the lighthouse lamp."),
        Message.user("My favourite harbour is the one at Hamburg."),
        Message.user("I moved the fog horn to the northern pier in winter.")));
  }

  private ContextPipeline pipeline(Collection knowledge, boolean alongside, ContextOptions options) {
    return new ContextPipeline(BOTH, new Retriever(knowledge, embedder, Fusion.defaults()), memories,
        new Cl100k(), options, alongside);
  }

  @Test
  void should_give_the_same_context_searching_alongside_memory_as_one_after_the_other() {
    for (String q : List.of("fog horn of the lighthouse in winter", "where do I live", "the harbour keeper")) {
      for (ContextOptions options : List.of(SMALL, ContextOptions.defaults())) {
        Context sequential = pipeline(chunks, false, options).context(MAYA, q);
        Context concurrent = pipeline(chunks, true, options).context(MAYA, q);

        assertThat(concurrent.sections()).as(q).isNotEmpty();
        assertThat(concurrent.citations()).as(q).anyMatch(c -> c.kind() == Citation.Kind.DOCUMENT)
            .anyMatch(c -> c.kind() != Citation.Kind.DOCUMENT);
        assertThat(concurrent.render()).as(q).isEqualTo(sequential.render());
        assertThat(concurrent.citations()).as(q).isEqualTo(sequential.citations());
        assertThat(concurrent.cut()).as(q).isEqualTo(sequential.cut());
      }
    }
  }

  @Test
  void should_throw_the_search_failure_of_the_forked_branch() {
    IllegalStateException broken = new IllegalStateException("injected: knowledge search failed");

    assertThatThrownBy(() -> pipeline(new Failing(chunks, broken), true, SMALL).context(MAYA, "fog horn"))
        .isSameAs(broken);
  }

  @Test
  void should_throw_the_failure_of_this_threads_branch_after_the_forked_one_has_ended() {
    IllegalStateException mine = new IllegalStateException("injected: memory read failed");
    IllegalStateException theirs = new IllegalStateException("injected: search failed");
    boolean[] forkedEnded = {false};

    assertThatThrownBy(() -> Alongside.run("test", () -> {
      sleep();
      forkedEnded[0] = true;
      throw theirs;
    }, () -> {
      throw mine;
    }, (a, b) -> "joined")).isSameAs(mine).hasSuppressedException(theirs);
    assertThat(forkedEnded[0]).isTrue();
  }

  @Test
  void should_join_both_branches_run_on_different_threads() {
    Thread caller = Thread.currentThread();

    String joined = Alongside.run("test", () -> Thread.currentThread() == caller ? "same" : "forked",
        () -> Thread.currentThread() == caller ? "here" : "elsewhere", (a, b) -> a + "+" + b);

    assertThat(joined).isEqualTo("forked+here");
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Knowledge whose searches fail. */
  private record Failing(Collection all, RuntimeException failure) implements Collection {
    @Override
    public String name() {
      return all.name();
    }

    @Override
    public List<IndexHit> searchText(String query, Filter filter, int k) {
      throw failure;
    }

    @Override
    public List<IndexHit> searchVector(float[] vector, Filter filter, int k) {
      throw failure;
    }

    @Override
    public Optional<IndexRecord> get(String id) {
      return all.get(id);
    }

    @Override
    public List<IndexRecord> list(Filter filter, int limit) {
      return all.list(filter, limit);
    }

    @Override
    public int count(Filter filter) {
      return all.count(filter);
    }
  }
}
