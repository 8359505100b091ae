package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Engram;
import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.context.Context;
import dev.engram.index.Filter;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.KnowledgeDocument;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.RememberResult;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchMode;
import dev.engram.retrieval.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adversarial isolation over the public API, on a real Lucene index: two tenants with the same
 * user ids, document names, file paths and memory texts; every read and write of one is tried
 * with the other's ids and filters, and likewise between two users and between a user and an
 * agent of one tenant. Each tenant's texts carry its own marker, so a leak shows in any result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {
  private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");
  private static final Scope ACME = Scope.ofTenant("acme");
  private static final Scope GLOBEX = Scope.ofTenant("globex");

  private Path tmp;
  private Engram engram;
  private Path shared;
  private final Map<Scope, RememberResult> remembered = new java.util.HashMap<>();

  @BeforeAll
  void setUp(@TempDir Path root) throws IOException {
    tmp = root;
    engram = Engram.builder().dataDirectory(tmp.resolve("data"))
        .clock(Clock.fixed(T, ZoneOffset.UTC)).build();
    // The same file path ingested by both tenants (one shared document id), and each tenant's own
    // folder with a file of the same name and a JSONL record with the same _id.
    shared = Files.writeString(tmp.resolve("shared.md"), "# Shared\n\nThe shared handbook says hello.\n");
    for (String t : List.of("acme", "globex")) {
      Path dir = Files.createDirectories(tmp.resolve(t));
      Files.writeString(dir.resolve("guide.md"), "# Guide\n\nThe vault code of " + t
          + " is kept by the " + t + " night guard.\n");
      Files.writeString(dir.resolve("faq.jsonl"), "{\"_id\":\"faq-1\",\"title\":\"Vault\",\"text\":\""
          + "Ask the " + t + " night guard for the vault.\",\"tenant\":\"globex\",\"kb\":\"x\"}\n");
      Scope tenant = Scope.ofTenant(t);
      engram.ingest(tenant, List.of(dir, shared), IngestOptions.defaults(), IngestListener.NONE);
    }
    engram.ingest(ACME.withKnowledgeBase("hr"), List.of(Files.writeString(tmp.resolve("hr.md"),
        "# HR\n\nAcme holidays: the vault is closed on Fridays.\n")), IngestOptions.defaults(),
        IngestListener.NONE);
    for (String t : List.of("acme", "globex")) {
      for (String u : List.of("ann", "bob")) {
        Scope s = Scope.ofTenant(t).withUser(u).withSession("s1");
        remembered.put(s, engram.memories().remember(s, List.of(
            Message.of(u, "I live in Paris and my " + t + " badge number is 42.", T))));
      }
    }
    Scope agent = Scope.ofAgent("acme", "helper").withSession("a1");
    remembered.put(agent, engram.memories().remember(agent,
        List.of(Message.of("helper", "I live in Paris and my acme badge number is 42.", T))));
    Scope annWithAgent = ACME.withUser("ann").withAgent("helper").withSession("s2");
    remembered.put(annWithAgent, engram.memories().remember(annWithAgent,
        List.of(Message.of("ann", "I love hiking in the acme hills.", T))));
  }

  @AfterAll
  void tearDown() {
    engram.close();
  }

  @Test
  void should_search_only_the_tenants_own_knowledge_whatever_the_filter() {
    for (SearchMode mode : SearchMode.values()) {
      for (Filter f : List.of(Filter.all(), Filter.eq("tenant", "globex"), Filter.eq("kb", "default"),
          Filter.eq("_id", "faq-1"), Filter.all().andMissing("tenant"))) {
        List<SearchHit> hits = engram.search(ACME,
            SearchRequest.of("vault night guard globex acme shared", 20).withMode(mode).withFilter(f));
        assertThat(hits).as(mode + " " + f).allSatisfy(h -> assertThat(h.text()).doesNotContain("globex"));
      }
    }
    assertThat(engram.search(ACME, SearchRequest.of("globex night guard", 20)))
        .extracting(SearchHit::text).allMatch(t -> !t.contains("globex")).isNotEmpty();
    assertThat(engram.search(GLOBEX, SearchRequest.of("acme holidays vault Fridays", 20)))
        .extracting(SearchHit::text).noneMatch(t -> t.contains("acme") || t.contains("Fridays"));
  }

  @Test
  void should_keep_metadata_from_naming_another_tenant_or_knowledge_base() {
    List<SearchHit> hits = engram.search(ACME, SearchRequest.of("vault", 20)
        .withFilter(Filter.eq("_id", "faq-1")));

    assertThat(hits).singleElement().satisfies(h -> {
      assertThat(h.text()).contains("acme night guard");
      assertThat(h.knowledgeBase()).isEqualTo("default");
    });
    assertThat(engram.documents(Scope.ofTenant("globex").withKnowledgeBase("x"), 10)).isEmpty();
  }

  @Test
  void should_read_one_or_several_knowledge_bases_of_the_tenant_only() {
    assertThat(engram.search(ACME, SearchRequest.of("holidays Fridays", 5)))
        .extracting(SearchHit::knowledgeBase).containsOnly("default");
    assertThat(engram.search(ACME.withKnowledgeBase("hr"), SearchRequest.of("holidays Fridays", 5)))
        .extracting(SearchHit::knowledgeBase).containsOnly("hr").isNotEmpty();
    assertThat(engram.search(ACME.withKnowledgeBases(List.of("default", "hr")),
        SearchRequest.of("vault", 10))).extracting(SearchHit::knowledgeBase)
        .contains("default", "hr");
    assertThat(engram.search(GLOBEX.withKnowledgeBase("hr"), SearchRequest.of("holidays", 5))).isEmpty();
    assertThat(engram.documents(ACME.withKnowledgeBases(List.of("default", "hr")), 10))
        .extracting(KnowledgeDocument::knowledgeBase).contains("default", "hr");
  }

  @Test
  void should_delete_only_in_the_callers_tenant_when_ids_and_paths_are_shared() throws IOException {
    Path extra = Files.writeString(tmp.resolve("extra.md"), "# Extra\n\nA second shared file.\n");
    engram.ingest(ACME.withKnowledgeBase("tmp"), List.of(extra), IngestOptions.defaults(), IngestListener.NONE);
    engram.ingest(GLOBEX.withKnowledgeBase("tmp"), List.of(extra), IngestOptions.defaults(), IngestListener.NONE);
    String id = engram.documents(ACME.withKnowledgeBase("tmp"), 10).getFirst().id();
    assertThat(engram.documents(GLOBEX.withKnowledgeBase("tmp"), 10)).extracting(KnowledgeDocument::id)
        .containsExactly(id);

    engram.deleteDocument(ACME.withKnowledgeBase("tmp"), id);

    assertThat(engram.documents(ACME.withKnowledgeBase("tmp"), 10)).isEmpty();
    assertThat(engram.documents(GLOBEX.withKnowledgeBase("tmp"), 10)).hasSize(1);
    assertThatThrownBy(() -> engram.deleteDocument(ACME.withKnowledgeBase("tmp"), id))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-404");
    assertThat(engram.deleteSource(ACME.withKnowledgeBase("tmp"), extra)).isZero();
    assertThat(engram.deleteSource(GLOBEX.withKnowledgeBase("other"), extra)).isZero();
    assertThat(engram.documents(GLOBEX.withKnowledgeBase("tmp"), 10)).hasSize(1);
    assertThat(engram.deleteSource(GLOBEX.withKnowledgeBase("tmp"), extra)).isEqualTo(1);
    assertThat(engram.search(GLOBEX.withKnowledgeBase("tmp"), SearchRequest.of("second shared file", 5))).isEmpty();
  }

  @Test
  void should_give_contexts_of_the_tenants_knowledge_and_the_owners_memory_only() {
    Context c = engram.context(ACME.withUser("ann"), "Who keeps the vault code and where do I live?");

    assertThat(c.render()).doesNotContain("globex").contains("acme");
    Context g = engram.context(GLOBEX.withUser("ann"), "What is my badge number and who keeps the vault code?");
    assertThat(g.render()).doesNotContain("acme").contains("globex");
  }

  @Test
  void should_recall_and_list_only_the_owners_memories() {
    for (String t : List.of("acme", "globex")) {
      for (String u : List.of("ann", "bob")) {
        Scope owner = Scope.ofTenant(t).withUser(u);
        String other = t.equals("acme") ? "globex" : "acme";
        List<RecalledMemory> recalled = engram.memories().recall(
            RecallQuery.of(owner, "where do I live and what is my badge number").withK(20));
        assertThat(recalled).as(owner.toString()).isNotEmpty()
            .allSatisfy(r -> assertThat(r.text()).doesNotContain(other));
        List<Memory> listed = engram.memories().list(owner, true);
        assertThat(listed).isNotEmpty().allSatisfy(m -> {
          assertThat(m.scope().tenant()).isEqualTo(t);
          assertThat(m.scope().user()).contains(u);
        });
      }
    }
  }

  @Test
  void should_treat_another_owners_ids_as_unknown_for_every_memory_call() {
    Scope acmeAnn = ACME.withUser("ann");
    Memories memories = engram.memories();
    List<Scope> strangers = List.of(GLOBEX.withUser("ann"), ACME.withUser("bob"),
        Scope.ofAgent("acme", "helper"), Scope.ofAgent("globex", "helper"));
    List<Memory> anns = memories.list(acmeAnn, true);
    List<String> annMessages = remembered.get(acmeAnn.withSession("s1")).messageIds();
    for (Scope stranger : strangers) {
      for (Memory m : anns) {
        assertThat(memories.get(stranger, m.id())).as(stranger + " get").isEmpty();
        assertThatThrownBy(() -> memories.edit(stranger, m.id(), "hijacked"))
            .as(stranger + " edit").isInstanceOf(InvalidInputException.class)
            .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-306");
        assertThatThrownBy(() -> memories.forget(stranger, m.id()))
            .as(stranger + " forget").isInstanceOf(InvalidInputException.class);
      }
      assertThat(memories.messages(stranger, annMessages)).as(stranger + " messages").isEmpty();
      memories.summary(stranger.withSession("s1")).ifPresent(s -> {
        assertThat(s.scope().tenant()).isEqualTo(stranger.tenant());
        assertThat(s.scope().user()).isEqualTo(stranger.user());
      });
    }
    assertThat(memories.list(acmeAnn, true)).isEqualTo(anns);
  }

  @Test
  void should_keep_an_agents_own_memories_apart_from_its_users() {
    Scope agent = Scope.ofAgent("acme", "helper");
    List<Memory> own = engram.memories().list(agent, true);

    assertThat(own).isNotEmpty().allSatisfy(m -> assertThat(m.scope().user()).isEmpty());
    assertThat(own).extracting(Memory::text).noneMatch(t -> t.contains("hiking"));
    assertThat(engram.memories().recall(RecallQuery.of(agent, "hiking hills").withK(20)))
        .extracting(RecalledMemory::text).noneMatch(t -> t.contains("hiking"));
    assertThat(engram.memories().list(ACME.withUser("ann"), false)).extracting(Memory::text)
        .anyMatch(t -> t.contains("hiking"));

    // The agent states something that contradicts its users' memories: only its own may change.
    List<Memory> annBefore = engram.memories().list(ACME.withUser("ann"), true);
    RememberResult moved = engram.memories().remember(agent.withSession("a2"),
        List.of(Message.of("helper", "I moved to Berlin.", T.plusSeconds(60))));
    assertThat(moved.decisions()).allSatisfy(d -> d.replacedId().ifPresent(id ->
        assertThat(own).extracting(Memory::id).contains(id)));
    assertThat(engram.memories().list(ACME.withUser("ann"), true)).isEqualTo(annBefore);
  }

  @Test
  void should_erase_one_user_of_one_tenant_and_nothing_else() {
    Scope victim = GLOBEX.withUser("bob");
    Map<Scope, Integer> before = new java.util.LinkedHashMap<>();
    for (Scope s : List.of(ACME.withUser("bob"), ACME.withUser("ann"), GLOBEX.withUser("ann"),
        Scope.ofAgent("acme", "helper"))) {
      before.put(s, engram.memories().list(s, true).size() + engram.memories().messageCount(s));
    }

    Map<String, Integer> erased = engram.memories().erase(victim);

    assertThat(erased.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
    assertThat(engram.memories().list(victim, true)).isEmpty();
    assertThat(engram.memories().messageCount(victim)).isZero();
    before.forEach((s, n) -> assertThat(engram.memories().list(s, true).size()
        + engram.memories().messageCount(s)).as(s.toString()).isEqualTo(n));
    assertThat(engram.documents(GLOBEX, 10)).isNotEmpty();
  }
}
