package dev.engram.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatModelConfig;
import dev.engram.common.Scope;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.Origin;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.models.openai.ScriptedChatServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers are remembered as Engram's answers, not as facts about the user: without [n] marks,
 * marked, never the source of a memory, and below the user's own words in recall however often
 * the question was asked. Real Lucene on disk and the real embedder.
 */
class RememberedAnswersIT {
  private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
  private static final String FACT = "My locker number is 112.";
  private static final List<String> SAID = List.of(
      "Hi, I'm Maya. I live in Paris and I just bought an Orbit Hub.",
      FACT,
      "I play cello in a community orchestra.",
      "My sister lives in Oslo.");
  private static final List<String> ASKED = List.of(
      "What is my locker number?", "Which instrument do I play?", "What is my locker number again?",
      "Where does my sister live?", "Tell me my locker number.", "What was my locker number?");

  @TempDir Path dir;

  /** A clock the test moves: the asks come days after the facts, as in real use. */
  private static final class MovingClock extends Clock {
    private Instant now = START;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void should_rank_the_users_fact_above_stored_answers_and_store_no_marks_when_asked_several_times() {
    MovingClock clock = new MovingClock();
    Scope maya = Scope.ofUser("maya").withSession("s1");
    try (Engram engram = Engram.builder().dataDirectory(dir.resolve("data")).clock(clock).build()) {
      List<String> factIds = new ArrayList<>();
      for (String text : SAID) {
        factIds.addAll(engram.memories().remember(maya, List.of(Message.of("Maya", text, clock.instant())))
            .messageIds());
      }
      String factId = factIds.get(1);
      List<String> answerIds = new ArrayList<>();
      for (String question : ASKED) {
        clock.advance(Duration.ofDays(3));
        Answer a = engram.answer(maya, question);
        assertThat(a.rememberedIds()).hasSize(2);
        answerIds.add(a.rememberedIds().get(1));
      }

      List<Episode> answers = engram.memories().messages(maya, answerIds);
      assertThat(answers).hasSize(ASKED.size()).allSatisfy(e -> {
        assertThat(e.origin()).isEqualTo(Origin.ANSWER);
        assertThat(e.role()).isEqualTo("assistant");
        assertThat(e.text()).doesNotContainPattern("\\[\\d+]");
      });
      // The positive control: the answers do repeat the fact, so they compete with it in recall.
      assertThat(answers).anySatisfy(e -> assertThat(e.text()).contains("112"));
      for (Memory m : engram.memories().list(maya.withoutSession(), true)) {
        assertThat(m.provenance()).doesNotContainAnyElementsOf(answerIds);
      }

      List<RecalledMemory> recalled = engram.memories().recall(
          RecallQuery.of(maya.withoutSession(), "What is my locker number?").withK(5));
      assertThat(recalled).isNotEmpty();
      assertThat(recalled.getFirst().provenance()).contains(factId);
      assertThat(recalled.getFirst().text()).contains("Maya: " + FACT);
    }
  }

  @Test
  void should_remember_the_generated_answer_without_its_marks_when_the_model_cites() {
    Scope ann = Scope.ofUser("ann").withSession("s1");
    try (ScriptedChatServer server = ScriptedChatServer.start();
        Engram engram = Engram.builder().dataDirectory(dir.resolve("gen"))
            .clock(Clock.fixed(START, ZoneOffset.UTC)).settings(Settings.defaults().withLlmMemory(false))
            .chatModel(model(server)).build()) {
      engram.memories().remember(ann, List.of(Message.user("I live in Berlin.")));
      server.reply("You live in Berlin [1]. Your hub works there [2][3], as noted [1, 2].");

      Answer a = engram.answer(ann, "Where do I live?");

      assertThat(a.text()).contains("[1]");
      assertThat(engram.memories().messages(ann, a.rememberedIds()))
          .extracting(Episode::text)
          .containsExactly("Where do I live?", "You live in Berlin. Your hub works there, as noted.");
    }
  }

  @Test
  void should_remember_only_the_question_when_answers_are_not_remembered() {
    Scope ann = Scope.ofUser("ann").withSession("s1");
    try (Engram engram = Engram.builder().dataDirectory(dir.resolve("off"))
        .clock(Clock.fixed(START, ZoneOffset.UTC))
        .settings(Settings.defaults().withRememberAnswers(false)).build()) {
      engram.memories().remember(ann, List.of(Message.user("I live in Berlin.")));

      Answer a = engram.answer(ann, "Where do I live?");

      assertThat(a.text()).contains("Berlin");
      assertThat(engram.memories().messages(ann, a.rememberedIds()))
          .extracting(Episode::text).containsExactly("Where do I live?");
      assertThat(engram.memories().messageCount(ann)).isEqualTo(2);
    }
  }

  private static ChatModel model(ScriptedChatServer server) {
    return new OpenAiChatModel(ChatModelConfig.of(server.baseUrl().toString(), "m").withMaxRetries(0));
  }
}
