package dev.engram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.answer.Answer;
import dev.engram.common.Scope;
import dev.engram.context.Context;
import dev.engram.context.SectionKind;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.InMemoryIndex;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline (ingest, remember, recall, context, answer) on the in-memory index. */
class EngramTest {
  private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
  private static final Scope ANN = Scope.ofTenant("acme").withUser("ann");

  @TempDir Path dir;
  private FakeEmbedder embedder;
  private Engram engram;

  @BeforeEach
  void open() throws IOException {
    embedder = new FakeEmbedder(8);
    engram = Engram.builder().index(InMemoryIndex.create(embedder.space())).embedder(embedder)
        .tokenCounter(new Cl100kTokenCounter()).clock(Clock.fixed(T, ZoneOffset.UTC)).build();
    Path guide = Files.writeString(dir.resolve("warranty.md"),
        "# Warranty\n\nThe warranty lasts three years in the European Union.\n");
    engram.ingest(Scope.ofTenant("acme"), List.of(guide), IngestOptions.defaults(), IngestListener.NONE);
    engram.memories().remember(ANN.withSession("s0"),
        List.of(Message.of("ann", "I live in Paris.", T.minusSeconds(86_400 * 30))));
    engram.memories().remember(ANN.withSession("s0"),
        List.of(Message.of("ann", "I moved to Berlin.", T.minusSeconds(86_400))));
  }

  @AfterEach
  void close() {
    engram.close();
  }

  @Test
  void should_blend_the_tenants_knowledge_and_the_users_memory_into_one_context() {
    Context c = engram.context(ANN.withSession("s0"), "How long is the warranty where I live?");

    assertThat(c.section(SectionKind.KNOWLEDGE)).isPresent();
    assertThat(c.render()).contains("three years").contains("Berlin");
    Context stranger = engram.context(Scope.ofTenant("globex").withUser("ann"),
        "How long is the warranty where I live?");
    assertThat(stranger.render()).doesNotContain("three years").doesNotContain("Berlin");
  }

  @Test
  void should_answer_extractively_and_remember_the_turn_in_the_session() {
    int before = engram.memories().messageCount(ANN.withSession("s1"));

    Answer a = engram.answer(ANN.withSession("s1"), "How long is the warranty in the European Union?");

    assertThat(a.generated()).isFalse();
    assertThat(a.text()).contains("three years");
    assertThat(engram.memories().messageCount(ANN.withSession("s1"))).isEqualTo(before + 2);
  }

  @Test
  void should_recall_what_was_true_at_a_past_time() {
    List<RecalledMemory> now = engram.memories().recall(RecallQuery.of(ANN, "where do I live").withK(5));
    List<RecalledMemory> then = engram.memories().recall(RecallQuery.of(ANN, "where do I live")
        .withK(5).asOf(T.minusSeconds(86_400 * 10)));

    assertThat(now).extracting(RecalledMemory::text).anyMatch(t -> t.contains("Berlin"));
    assertThat(then).extracting(RecalledMemory::text).anyMatch(t -> t.contains("Paris"))
        .noneMatch(t -> t.contains("Berlin"));
  }

  @Test
  void should_close_the_embedder_it_was_given() {
    engram.close();
    engram.close();

    assertThat(embedder.closes()).isEqualTo(1);
  }
}
