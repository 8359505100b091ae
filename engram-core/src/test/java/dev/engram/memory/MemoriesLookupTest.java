package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.common.Scope;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.InMemoryIndex;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RememberResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Finding a memory by id alone within a tenant, and logging messages without extracting. */
class MemoriesLookupTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
  private static final Scope ANN = Scope.ofTenant("acme").withUser("ann").withSession("s1");

  private final FakeEmbedder fake = new FakeEmbedder(8);
  private final Memories memories = new Memories(InMemoryIndex.create(fake.space()), fake, CLOCK,
      new RuleExtractor(ZoneOffset.UTC));

  @Test
  void should_find_a_memory_by_id_in_its_tenant_only_when_looked_up_without_its_owner() {
    RememberResult r = memories.remember(ANN, List.of(Message.user("I live in Paris.")));
    String id = r.decisions().getFirst().memoryId();

    assertThat(memories.find("acme", id)).hasValueSatisfying(m -> {
      assertThat(m.memory().text()).contains("Paris");
      assertThat(m.memory().scope().user()).hasValue("ann");
      assertThat(m.history()).isNotEmpty();
    });
    assertThat(memories.find("globex", id)).isEmpty();
    assertThat(memories.find("acme", "mem-does-not-exist")).isEmpty();
  }

  @Test
  void should_log_without_extracting_and_number_messages_after_those_remembered_when_both_write_one_session()
      throws Exception {
    RememberResult logged = memories.log(ANN, List.of(Message.user("I live in Rome.")));
    assertThat(logged.decisions()).isEmpty();
    assertThat(memories.list(ANN.withoutSession(), true)).isEmpty();
    assertThat(logged.messageIds()).hasSize(1);

    // Log-only and remembering calls of one session at once: each message its own sequence number.
    List<String> ids = new ArrayList<>(logged.messageIds());
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<RememberResult>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Message m = Message.user("I like colour number " + i + ".");
        calls.add(i % 2 == 0 ? pool.submit(() -> memories.log(ANN, List.of(m)))
            : pool.submit(() -> memories.remember(ANN, List.of(m))));
      }
      for (Future<RememberResult> f : calls) {
        ids.addAll(f.get().messageIds());
      }
    }
    List<Episode> all = memories.messages(ANN, ids);
    assertThat(all).hasSize(21);
    Set<Long> sequences = new HashSet<>();
    all.forEach(e -> sequences.add(e.sequence()));
    assertThat(sequences).as("sequence numbers of one session").hasSize(21);
  }
}
