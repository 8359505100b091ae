package dev.engram.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.common.Scope;
import dev.engram.memory.model.Scores;
import dev.engram.retrieval.SearchHit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextAssemblerTest {
  private static final Cl100k TOKENS = new Cl100k();
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
  private static final Scope MAYA = Scope.ofUser("maya").withSession("s1");

  static SearchHit passage(String doc, String text) {
    return new SearchHit(doc + "#0", doc, "", Scope.DEFAULT_KB, "Title " + doc, doc + ".md", text, 10, 10 + text.length(),
        List.of("Section"), 0, new dev.engram.retrieval.Scores(1, 0, 1, 0, 1));
  }

  static RecalledMemory memory(String id, MemoryKind kind, String text) {
    return new RecalledMemory(id, kind, text, T, T, Optional.empty(), List.of("msg-" + id),
        new Scores(0, 0, 1, 1, 0.5, 1));
  }

  static Episode turn(long seq, String text) {
    return new Episode("msg-t" + seq, MAYA, "user", "maya", text, T.plusSeconds(seq), T, seq);
  }

  static String words(Random random, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("w").append(random.nextInt(5_000)).append(i % 12 == 11 ? ". " : " ");
    }
    return b.toString().strip() + ".";
  }

  private static RouteDecision route(Route r) {
    return new RouteDecision(r, "test");
  }

  @Test
  void should_number_citations_in_rendering_order_and_map_them_to_spans_and_provenance() {
    Material m = new Material(
        List.of(passage("doc-a", "Hold the reset button for fifteen seconds."),
            passage("doc-b", "The hub supports 2.4 GHz networks only.")),
        List.of(memory("mem-1", MemoryKind.FACT, "Maya lives in Berlin.")),
        Optional.empty(), List.of(turn(0, "Hello there, this is a turn.")));

    Context c = new ContextAssembler(TOKENS, 2_000).assemble("q", route(Route.BOTH), m);

    assertThat(c.citations()).extracting(Citation::number).containsExactly(1, 2, 3);
    assertThat(c.citation(1).orElseThrow().id()).isEqualTo("doc-a");
    assertThat(c.citation(1).orElseThrow().start()).isEqualTo(10);
    assertThat(c.citation(1).orElseThrow().end()).isEqualTo(10 + "Hold the reset button for fifteen seconds.".length());
    assertThat(c.citation(3).orElseThrow().kind()).isEqualTo(Citation.Kind.MEMORY);
    assertThat(c.citation(3).orElseThrow().provenance()).containsExactly("msg-mem-1");
    assertThat(c.render()).contains("[1] (Title doc-a > Section) Hold the reset")
        .contains("[3] (fact, 2025-01-01) Maya lives in Berlin.")
        .contains("## Recent turns of this conversation\nmaya: Hello there");
    assertThat(c.cut()).isEmpty();
  }

  @Test
  void should_tell_documents_memories_and_messages_apart_by_kind_when_citing_them() {
    Material m = new Material(List.of(passage("doc-a", "The hub supports 2.4 GHz networks only.")),
        List.of(memory("msg-9", MemoryKind.EPISODE, "maya: I bought a new router yesterday."),
            memory("mem-1", MemoryKind.FACT, "Maya lives in Berlin.")),
        Optional.empty(), List.of());

    Context c = new ContextAssembler(TOKENS, 2_000).assemble("q", route(Route.BOTH), m);

    assertThat(c.citations()).extracting(Citation::id, Citation::kind).containsExactly(
        tuple("doc-a", Citation.Kind.DOCUMENT), tuple("mem-1", Citation.Kind.MEMORY),
        tuple("msg-9", Citation.Kind.MESSAGE));
    assertThat(c.citations()).extracting(ci -> ci.kind().remembered()).containsExactly(false, true, true);
    assertThat(c.citation(3).orElseThrow().describe()).startsWith("[3] message msg-9 (episode, 2025-01-01)");
  }

  @Test
  void should_fill_knowledge_first_and_cut_the_rest_when_passages_exceed_the_budget() {
    Random random = new Random(7);
    List<SearchHit> hits = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      hits.add(passage("doc-" + i, words(random, 60)));
    }
    Material m = new Material(hits, List.of(memory("mem-1", MemoryKind.PREFERENCE, "Maya prefers short answers.")),
        Optional.empty(), List.of());

    Context c = new ContextAssembler(TOKENS, 1_000).assemble("q", route(Route.KNOWLEDGE), m);

    assertThat(TOKENS.count(c.render())).isLessThanOrEqualTo(1_000);
    assertThat(c.tokensUsed()).isLessThanOrEqualTo(1_000);
    assertThat(c.tokens(SectionKind.KNOWLEDGE)).isGreaterThan(600);
    assertThat(c.section(SectionKind.MEMORIES)).isPresent();
    int kept = c.section(SectionKind.KNOWLEDGE).orElseThrow().lines().size();
    assertThat(kept).isBetween(3, 7);
    assertThat(c.cut()).hasSize(8 - kept)
        .allSatisfy(cut -> assertThat(cut.reason()).startsWith("over the token budget"));
    // the best passages are the ones kept
    assertThat(c.citations().subList(0, kept)).extracting(Citation::id)
        .containsExactlyElementsOf(hits.subList(0, kept).stream().map(SearchHit::documentId).toList());
  }

  @Test
  void should_give_knowledge_nothing_and_memories_most_when_the_route_is_memory() {
    Random random = new Random(11);
    List<RecalledMemory> memories = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      memories.add(memory("mem-" + i, MemoryKind.FACT, words(random, 40)));
    }
    Material m = new Material(List.of(passage("doc-a", "Some document text here.")), memories,
        Optional.empty(), List.of(turn(3, words(random, 30)), turn(2, words(random, 30))));

    Context c = new ContextAssembler(TOKENS, 400).assemble("q", route(Route.MEMORY), m);

    assertThat(c.section(SectionKind.KNOWLEDGE)).isEmpty();
    assertThat(c.cut()).anySatisfy(cut -> {
      assertThat(cut.section()).isEqualTo(SectionKind.KNOWLEDGE);
      assertThat(cut.reason()).contains("not needed for a memory question");
    });
    assertThat(c.tokens(SectionKind.MEMORIES)).isGreaterThan(c.tokens(SectionKind.RECENT_TURNS));
    assertThat(TOKENS.count(c.render())).isLessThanOrEqualTo(400);
    // only one turn fits its share: the newest one is kept
    List<String> turns = c.section(SectionKind.RECENT_TURNS).orElseThrow().lines();
    assertThat(turns).containsExactly("maya: " + m.recentTurns().getFirst().text());
  }

  @Test
  void should_drop_near_duplicates_when_passages_overlap_or_a_turn_repeats_a_memory() {
    String text = "Hold the reset button on the back of the hub for fifteen seconds until it flashes red.";
    Material m = new Material(
        List.of(passage("doc-a", text), passage("doc-b", "Note: " + text)),
        List.of(memory("mem-1", MemoryKind.FACT, "Maya moved to Berlin last month.")),
        Optional.of(new Memory("sum-1", MAYA, MemoryKind.SUMMARY, "Maya moved to Berlin last month.", 0.4,
            T, T, T, Optional.empty(), List.of(), Optional.empty(), 1)),
        List.of(turn(0, "Maya moved to Berlin last month!")));

    Context c = new ContextAssembler(TOKENS, 2_000).assemble("q", route(Route.BOTH), m);

    assertThat(c.citations()).extracting(Citation::id).containsExactly("doc-a", "mem-1");
    assertThat(c.section(SectionKind.SUMMARY)).isEmpty();
    assertThat(c.section(SectionKind.RECENT_TURNS)).isEmpty();
    assertThat(c.cut()).extracting(Cut::reason)
        .containsExactly("near-duplicate of Title doc-a > Section", "near-duplicate of mem-1",
            "near-duplicate of mem-1");
  }

  @Test
  void should_stay_within_the_budget_when_material_is_random() {
    Random random = new Random(3);
    for (int round = 0; round < 30; round++) {
      int budget = 100 + random.nextInt(1_500);
      List<SearchHit> hits = new ArrayList<>();
      List<RecalledMemory> mems = new ArrayList<>();
      List<Episode> turns = new ArrayList<>();
      for (int i = 0; i < random.nextInt(9); i++) {
        hits.add(passage("d" + i, words(random, 20 + random.nextInt(200))));
      }
      for (int i = 0; i < random.nextInt(11); i++) {
        mems.add(memory("m" + i, MemoryKind.FACT, words(random, 5 + random.nextInt(60))));
      }
      for (int i = 0; i < random.nextInt(7); i++) {
        turns.add(turn(10 - i, words(random, 5 + random.nextInt(80))));
      }
      Route r = Route.values()[random.nextInt(3)];
      Context c = new ContextAssembler(TOKENS, budget)
          .assemble("q", route(r), new Material(hits, mems, Optional.empty(), turns));
      assertThat(TOKENS.count(c.render())).as("round %d, budget %d", round, budget).isLessThanOrEqualTo(budget);
      assertThat(c.citations().size() + c.cut().size() + c.section(SectionKind.RECENT_TURNS).map(s -> s.lines().size()).orElse(0))
          .isEqualTo(hits.size() + mems.size() + turns.size());
    }
  }
}
