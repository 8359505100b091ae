package dev.engram.memory.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.chat.ChatModelConfig;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Decision;
import dev.engram.memory.model.Episode;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.RememberResult;
import dev.engram.common.Scope;
import dev.engram.memory.extract.Candidate;
import dev.engram.memory.recall.RecallWeights;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.models.openai.ScriptedChatServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLM-backed memory over a real index and embedder, with a real OpenAI-compatible server on
 * loopback answering from a script; each test remembers as its own user.
 */
class LlmMemoryIT {
  private static final Instant MAY_8 = Instant.parse("2023-05-08T13:56:00Z");
  private static final Instant JUNE_1 = Instant.parse("2023-06-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-07-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path data;
  private Engram engram;

  private ScriptedChatServer server;
  private OpenAiChatModel model;
  private LlmMemory llm;
  private Memories memories;
  private Scope user;

  @BeforeEach
  void start(TestInfo test) {
    server = ScriptedChatServer.start();
    model = new OpenAiChatModel(
        ChatModelConfig.of(server.baseUrl().toString(), "scripted").withMaxRetries(0));
    // One data directory for all tests (each has its own user); the instance closes the model.
    engram = Engram.builder().dataDirectory(data).clock(CLOCK).chatModel(model).build();
    llm = engram.llmMemory().orElseThrow();
    memories = engram.memories();
    user = Scope.ofUser(test.getTestMethod().orElseThrow().getName().substring(0, Math.min(40, test.getTestMethod().orElseThrow().getName().length())));
  }

  @AfterEach
  void stop() {
    engram.close();
    server.close();
  }

  private RememberResult remember(Instant when, String... texts) {
    List<Message> messages = java.util.Arrays.stream(texts)
        .map(t -> new Message("user", "Caroline", t, Optional.empty())).toList();
    return memories.remember(user.withSession("s1"), messages, when);
  }

  private List<Memory> live() {
    return memories.list(user, false).stream().filter(m -> m.kind() != MemoryKind.SUMMARY).toList();
  }

  @Test
  void should_store_the_models_memories_with_kinds_dates_and_provenance_when_the_reply_is_valid() {
    server.reply("""
        {"memories":[
          {"text":"Caroline moved to Berlin in April 2023","kind":"event","importance":0.8,
           "event_time":"2023-04-15","source_messages":[1]},
          {"text":"Caroline loves hiking in the Alps","kind":"preference","importance":0.5,
           "event_time":null,"source_messages":[0, 2]}]}""");
    server.reply("{\"action\":\"ADD\",\"target\":null,\"text\":null,\"reason\":\"a different fact\"}");

    RememberResult r = remember(MAY_8, "Hiking is my thing.", "I moved to Berlin last month.",
        "Especially in the Alps!");

    assertThat(r.decisions()).extracting(Decision::action).containsExactly(Action.ADD, Action.ADD);
    assertThat(r.decisions().get(1).reason()).isEqualTo("model: a different fact");
    Memory moved = live().stream().filter(m -> m.text().contains("Berlin")).findFirst().orElseThrow();
    assertThat(moved.kind()).isEqualTo(MemoryKind.EVENT);
    assertThat(moved.eventTime()).isEqualTo(Instant.parse("2023-04-15T13:56:00Z"));
    assertThat(moved.provenance()).containsExactly(r.messageIds().get(1));
    Memory hiking = live().stream().filter(m -> m.text().contains("Alps")).findFirst().orElseThrow();
    assertThat(hiking.kind()).isEqualTo(MemoryKind.PREFERENCE);
    assertThat(hiking.provenance()).containsExactly(r.messageIds().get(0), r.messageIds().get(2));
    assertThat(llm.fallbacks().counts()).isEqualTo(new Fallbacks.Counts(1, 0, 1, 0));
    var extraction = server.requests().getFirst().body();
    assertThat(extraction.path("response_format").path("type").asText()).isEqualTo("json_object");
    assertThat(extraction.path("messages").get(1).path("content").asText())
        .contains("[1] 2023-05-08 13:56 (Monday) Caroline (user): I moved to Berlin last month.");
  }

  @Test
  void should_fall_back_to_the_rules_and_count_it_when_the_reply_is_malformed_json() {
    server.reply("{\"memories\":[{\"text\":\"Caroline loves hik");

    RememberResult r = remember(MAY_8, "I love hiking in the mountains.");

    assertThat(live()).singleElement().satisfies(m -> {
      assertThat(m.text()).isEqualTo("Caroline loves hiking in the mountains.");
      assertThat(m.kind()).isEqualTo(MemoryKind.PREFERENCE);
      assertThat(m.provenance()).containsExactly(r.messageIds().getFirst());
    });
    assertThat(llm.fallbacks().counts().extractionFallbacks()).isEqualTo(1);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void should_fall_back_to_the_rules_when_the_reply_is_cut_at_the_token_limit_or_cut_off() {
    server.replyCutAtLimit("{\"memories\":[{\"text\":\"Caroline loves hiking\",\"kind\":\"pref");
    server.truncated("{\"memories\":", "[{\"text\":\"Caroline works");

    remember(MAY_8, "I love hiking in the mountains.");
    remember(JUNE_1, "I work at the Berlin Zoo.");

    assertThat(live()).extracting(Memory::text).containsExactlyInAnyOrder(
        "Caroline loves hiking in the mountains.", "Caroline works at the Berlin Zoo.");
    assertThat(llm.fallbacks().counts().extractionFallbacks()).isEqualTo(2);
  }

  @Test
  void should_supersede_and_then_noop_when_the_model_decides_so() {
    server.reply(extracted("Caroline lives in Paris", "fact", 0));
    remember(MAY_8, "I live in Paris.");
    Memory paris = live().getFirst();

    server.reply(extracted("Caroline lives in Berlin", "fact", 0));
    server.reply("{\"action\":\"SUPERSEDE\",\"target\":1,\"text\":null,\"reason\":\"she moved\"}");
    RememberResult moved = remember(JUNE_1, "I moved to Berlin.");

    assertThat(moved.decisions()).singleElement().satisfies(d -> {
      assertThat(d.action()).isEqualTo(Action.SUPERSEDE);
      assertThat(d.replacedId()).contains(paris.id());
    });
    assertThat(live()).extracting(Memory::text).containsExactly("Caroline lives in Berlin");
    assertThat(memories.get(user, paris.id()).orElseThrow().memory().live()).isFalse();
    assertThat(server.requests().get(2).body().path("messages").get(1).path("content").asText())
        .contains("1. [fact, 2023-05-08] Caroline lives in Paris")
        .contains("New statement: [fact, 2023-06-01] Caroline lives in Berlin");

    server.reply(extracted("Caroline lives in Berlin", "fact", 0));
    server.reply("{\"action\":\"NOOP\",\"target\":\"1\",\"text\":null,\"reason\":\"already known\"}");
    RememberResult again = remember(JUNE_1.plusSeconds(60), "Berlin is home now.");

    assertThat(again.decisions()).singleElement().satisfies(d -> {
      assertThat(d.action()).isEqualTo(Action.NOOP);
      assertThat(d.memoryId()).isEqualTo(moved.decisions().getFirst().memoryId());
    });
    assertThat(live()).hasSize(1);
    assertThat(llm.fallbacks().counts()).isEqualTo(new Fallbacks.Counts(3, 0, 2, 0));
  }

  @Test
  void should_fall_back_to_the_rule_consolidator_when_the_target_is_not_a_shown_memory() {
    server.reply(extracted("Caroline lives in Paris", "fact", 0));
    remember(MAY_8, "I live in Paris.");
    server.reply(extracted("Caroline lives in Berlin", "fact", 0));
    server.reply("{\"action\":\"SUPERSEDE\",\"target\":7,\"text\":null,\"reason\":\"moved\"}");

    RememberResult r = remember(JUNE_1, "I moved to Berlin.");

    assertThat(r.decisions()).singleElement().satisfies(d -> {
      assertThat(d.action()).isEqualTo(Action.ADD); // the rules see no slot: both are kept
      assertThat(d.reason()).doesNotStartWith("model:");
    });
    assertThat(live()).extracting(Memory::text)
        .containsExactlyInAnyOrder("Caroline lives in Paris", "Caroline lives in Berlin");
    assertThat(llm.fallbacks().counts()).isEqualTo(new Fallbacks.Counts(2, 0, 1, 1));
  }

  @Test
  void should_call_once_per_batch_and_fall_back_only_for_the_bad_batch_when_messages_are_long() {
    Scope session = user.withSession("s1");
    List<Episode> messages = List.of(
        episode(session, 0, "user", "I adopted a puppy called Rex and he is a golden retriever."),
        episode(session, 1, "user", "I love hiking in the mountains with my puppy on weekends."),
        episode(session, 2, "user", "I work at the Berlin Zoo as a keeper of the big cats."));
    server.reply(extracted("Caroline adopted a golden retriever puppy called Rex", "fact", 0));
    server.reply("{\"memories\":[{\"text\":\"Caroline loves hiking\"}]}"); // no kind: invalid
    server.reply(extracted("Caroline works at the Berlin Zoo as a big-cat keeper", "fact", 0));
    LlmExtractor small = new LlmExtractor(model, CLOCK.getZone(), llm.fallbacks(), 120);

    List<Candidate> found = small.extract(messages);

    assertThat(server.requests()).hasSize(3);
    assertThat(found).extracting(Candidate::text).containsExactly(
        "Caroline adopted a golden retriever puppy called Rex",
        "Caroline loves hiking in the mountains with Caroline's puppy on weekends.",
        "Caroline works at the Berlin Zoo as a big-cat keeper");
    assertThat(found).extracting(c -> c.provenance().getFirst()).containsExactly("e0", "e1", "e2");
    assertThat(llm.fallbacks().counts()).isEqualTo(new Fallbacks.Counts(3, 1, 0, 0));
  }

  @Test
  void should_make_no_call_when_no_message_is_from_a_user() {
    Scope session = user.withSession("s1");
    assertThat(llm.extractor().extract(
        List.of(episode(session, 0, "assistant", "I moved to Berlin last month.")))).isEmpty();
    assertThat(server.requests()).isEmpty();
  }

  private static Episode episode(Scope session, int n, String role, String text) {
    return new Episode("e" + n, session, role, "Caroline", text, MAY_8, MAY_8, n);
  }

  private static String extracted(String text, String kind, int source) {
    return "{\"memories\":[{\"text\":\"" + text + "\",\"kind\":\"" + kind
        + "\",\"importance\":0.7,\"event_time\":null,\"source_messages\":[" + source + "]}]}";
  }
}
