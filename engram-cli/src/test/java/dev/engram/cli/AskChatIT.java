package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.chat.ChatModelConfig;
import dev.engram.models.openai.ScriptedChatServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ask}, {@code chat} and {@code demo} through the real command line, index and model. */
class AskChatIT {
  @TempDir Path tmp;

  @Test
  void should_answer_extractively_with_citations_when_no_model_is_configured() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    assertThat(cli.run("ingest", Fixtures.knowledgeBase(tmp.resolve("kb")).toString()).exitCode()).isZero();

    Cli.Result text = cli.run("ask", "--user", "ann", "When does the fog horn sound?");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains(AnswerPrinter.EXTRACTIVE)
        .contains("In fog the horn sounds twice every thirty seconds")
        .contains("Sources:").contains("[1] Lighthouse Guide > Fog signals (doc ")
        .contains("Route: KNOWLEDGE");

    Cli.Result json = cli.run("ask", "--user", "ann", "--session", "s2", "--json", "When does the fog horn sound?");
    JsonNode answer = new ObjectMapper().readTree(json.out());
    assertThat(answer.get("generated").asBoolean()).isFalse();
    assertThat(answer.get("citations").get(0).get("kind").asText()).isEqualTo("DOCUMENT");
    assertThat(answer.get("context").get("route").get("route").asText()).isEqualTo("KNOWLEDGE");
    assertThat(answer.get("rememberedIds")).hasSize(2);
  }

  @Test
  void should_print_the_route_sections_text_and_citations_of_a_context_and_remember_nothing() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    assertThat(cli.run("ingest", Fixtures.knowledgeBase(tmp.resolve("kb")).toString()).exitCode()).isZero();
    assertThat(cli.run("remember", "--user", "ann", "I live in Oslo and I keep the lighthouse.").exitCode()).isZero();

    Cli.Result text = cli.run("context", "--user", "ann", "When does the fog horn sound?");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).startsWith("Route: KNOWLEDGE (")
        .containsPattern("Context: \\d+ of 2000 tokens \\(knowledge \\d+")
        .contains("In fog the horn sounds twice every thirty seconds")
        .contains("Citations:").contains("[1] Lighthouse Guide > Fog signals (doc ");

    JsonNode json = new ObjectMapper().readTree(cli.run("context", "--user", "ann", "--budget", "300", "--json",
        "Where do I live and when does the fog horn sound?").out());
    assertThat(json.get("budgetTokens").asInt()).isEqualTo(300);
    assertThat(json.get("tokensUsed").asInt()).isPositive().isLessThanOrEqualTo(300);
    assertThat(json.get("text").asText()).contains("Oslo");
    assertThat(json.findValuesAsText("kind")).contains("memories", "memory");

    // a context is read, not a turn: nothing new is remembered
    assertThat(cli.run("recall", "--user", "ann", "--json", "fog horn").out()).doesNotContain("When does the fog horn");
    Cli.Result bad = cli.run("context", "--user", "ann", "--budget", "0", "x");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--budget must be between 1 and 32000, got 0");
  }

  @Test
  void should_remember_only_the_question_when_answers_are_not_remembered_by_flag_or_variable() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    cli.run("ingest", Fixtures.knowledgeBase(tmp.resolve("kb")).toString());

    Cli.Result flag = cli.run("ask", "--user", "ann", "--json", "--no-remember-answer", "When does the fog horn sound?");
    Cli.Result variable = cli.run("", Map.of("ENGRAM_REMEMBER_ANSWERS", "false"),
        "ask", "--user", "bob", "--json", "When does the fog horn sound?");
    Cli.Result chat = cli.run("When does the fog horn sound?\n/quit\n", Map.of(),
        "chat", "--user", "cy", "--no-remember-answer");

    assertThat(flag.exitCode()).as(flag.err()).isZero();
    assertThat(new ObjectMapper().readTree(flag.out()).get("rememberedIds")).hasSize(1);
    assertThat(new ObjectMapper().readTree(variable.out()).get("rememberedIds")).hasSize(1);
    assertThat(chat.exitCode()).as(chat.err()).isZero();
    Cli.Result recalled = cli.run("recall", "--user", "cy", "--json", "fog horn");
    assertThat(recalled.out()).contains("When does the fog horn sound?").doesNotContain("assistant");
  }

  @Test
  void should_go_on_chatting_when_one_question_is_refused() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    cli.run("ingest", Fixtures.knowledgeBase(tmp.resolve("kb")).toString());

    Cli.Result chat = cli.run("x".repeat(5_000) + "\nWhen does the fog horn sound?\n/quit\n", Map.of(),
        "chat", "--user", "ann");

    assertThat(chat.exitCode()).as(chat.err()).isZero();
    assertThat(chat.err()).contains("ENGRAM-402").contains("ask again");
    assertThat(chat.out()).contains("In fog the horn sounds twice every thirty seconds").contains("bye");
  }

  @Test
  void should_stream_cite_and_remember_each_turn_when_chatting_through_stdin() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    cli.run("ingest", Fixtures.knowledgeBase(tmp.resolve("kb")).toString());
    try (ScriptedChatServer server = ScriptedChatServer.start()) {
      server.replyTokens("Noted", ", Ann.")
          .replyTokens("Twice every ", "thirty seconds [1].");
      Map<String, String> env = Map.of("ENGRAM_LLM_MEMORY", "false", ChatModelConfig.BASE_URL_VAR, server.baseUrl().toString(),
          ChatModelConfig.MODEL_VAR, "test-model");

      Cli.Result chat = cli.run("I live in Oslo and I love lighthouses.\n\n/memories\n"
          + "When does the fog horn sound?\n/quit\nnever read\n", env, "chat", "--user", "ann");

      assertThat(chat.exitCode()).as(chat.err()).isZero();
      assertThat(chat.out()).contains("answers are generated by the configured LLM")
          .contains("engram> Noted, Ann.")
          .contains("fact: ann lives in Oslo")
          .contains("engram> Twice every thirty seconds [1].")
          .contains("[1] Lighthouse Guide > Fog signals")
          .contains("bye");
      assertThat(server.requests()).hasSize(2).allSatisfy(r -> assertThat(r.streamed()).isTrue());
      assertThat(server.lastBody().toString()).contains("ann lives in Oslo");
    }
    Cli.Result memories = cli.run("chat", "--user", "ann");
    assertThat(memories.out()).contains("generation is off").contains("bye");
  }

  @Test
  void should_fail_clearly_and_remember_nothing_when_the_endpoint_is_unreachable() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Map<String, String> env = Map.of(ChatModelConfig.BASE_URL_VAR, "http://127.0.0.1:9/v1",
        ChatModelConfig.MODEL_VAR, "m", ChatModelConfig.MAX_RETRIES_VAR, "0");

    Cli.Result ask = cli.run("", env, "ask", "--user", "ann", "I live in Oslo. Where do I live?");
    assertThat(ask.exitCode()).isEqualTo(1);
    assertThat(ask.err()).contains("ENGRAM-601").contains(ChatModelConfig.BASE_URL_VAR);

    Cli.Result chat = cli.run("Where do I live?\n", env, "chat", "--user", "ann");
    assertThat(chat.exitCode()).isEqualTo(1);
    assertThat(chat.err()).contains("ENGRAM-601").contains("this turn was not remembered");

    Cli.Result half = cli.run("", Map.of(ChatModelConfig.MODEL_VAR, "m"), "ask", "--user", "ann", "Hi?");
    assertThat(half.err()).contains(ChatModelConfig.BASE_URL_VAR);

    Cli.Result after = cli.run("/memories\n", Map.of(), "chat", "--user", "ann");
    assertThat(after.out()).contains("nothing remembered yet");
  }

  @Test
  void should_answer_from_the_knowledge_bases_named_when_asking_and_chatting_with_tenant_and_kb() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    assertThat(cli.run("ingest", "--tenant", "acme", "--kb", "manuals", kb.toString()).exitCode()).isZero();

    Cli.Result ask = cli.run("ask", "--tenant", "acme", "--kb", "manuals,notes", "--user", "ann",
        "When does the fog horn sound?");
    Cli.Result chat = cli.run("When does the fog horn sound?\n/quit\n", Map.of(),
        "chat", "--tenant", "acme", "--kb", "manuals", "--kb", "notes", "--user", "ann");

    assertThat(ask.exitCode()).as(ask.err()).isZero();
    assertThat(ask.out()).contains("In fog the horn sounds twice every thirty seconds")
        .contains("[1] Lighthouse Guide > Fog signals (doc ");
    assertThat(chat.exitCode()).as(chat.err()).isZero();
    assertThat(chat.out()).contains("Chatting as user ann in session chat").contains("[1] Lighthouse Guide");
  }

  @Test
  void should_cite_no_document_of_another_tenant_or_knowledge_base_when_asking() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    assertThat(cli.run("ingest", "--tenant", "acme", "--kb", "manuals", kb.toString()).exitCode()).isZero();

    for (String[] scope : List.of(new String[] {"--tenant", "globex", "--kb", "manuals"},
        new String[] {"--tenant", "acme", "--kb", "recipes"})) {
      List<String> args = new ArrayList<>(List.of("ask", "--user", "ann", "--json"));
      args.addAll(List.of(scope));
      args.add("When does the fog horn sound?");
      JsonNode answer = new ObjectMapper().readTree(cli.run(args.toArray(String[]::new)).out());
      assertThat(answer.get("citations").toString()).as(String.join(" ", scope))
          .doesNotContain("DOCUMENT").doesNotContain("horn sounds twice");
    }
  }

  @Test
  void should_tell_the_same_story_when_the_demo_runs_twice() {
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result first = cli.run("demo");
    Cli.Result second = cli.run("demo");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("Maya lives in Paris").contains("(superseded")
        .contains("Q: Where do I live now?   [route: memory]")
        .contains("A: Maya moved to Berlin in August 2025. [1]").doesNotContain("Maya is Maya")
        .contains("Session summaries (what each session was about):")
        .contains("Maya prefers short answers with numbered steps.")
        .contains("three years").contains("Maya's new router only broadcasts 5 GHz")
        .contains("Next: `./engram --data " + tmp.resolve("data") + " ask --user maya \"your question\"`");
    String summaries = first.out().substring(first.out().indexOf("Session summaries"), first.out().indexOf("== 3."));
    assertThat(summaries).as("superseded in a later session").doesNotContain("Maya lives in Paris");
    String memoriesFirst = first.out().substring(first.out().indexOf("What Engram believes"), first.out().indexOf("== 3."));
    String memoriesSecond = second.out().substring(second.out().indexOf("What Engram believes"), second.out().indexOf("== 3."));
    assertThat(memoriesSecond).isEqualTo(memoriesFirst);
    assertThat(second.out()).contains("4 files (4 unchanged)");
  }
}
