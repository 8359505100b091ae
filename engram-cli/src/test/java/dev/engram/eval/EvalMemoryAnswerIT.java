package dev.engram.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.models.openai.ScriptedChatServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram eval memory} end to end: the real command in its own JVM (so its environment can
 * name the model), a LoCoMo file written here, and for {@code --answer} a real OpenAI-compatible
 * server on loopback that answers and judges from a script.
 */
class EvalMemoryAnswerIT {
  private static final String LOCOMO = """
      [{"sample_id":"conv-t",
        "conversation":{"speaker_a":"Caroline","speaker_b":"Melanie",
          "session_1_date_time":"1:56 pm on 8 May, 2023",
          "session_1":[
            {"speaker":"Caroline","dia_id":"D1:1","text":"I went to an LGBTQ support group yesterday."},
            {"speaker":"Melanie","dia_id":"D1:2","text":"That's great! I painted a sunset last week."}],
          "session_2_date_time":"10:00 am on 1 June, 2023",
          "session_2":[
            {"speaker":"Caroline","dia_id":"D2:1","text":"I moved to Berlin last month."},
            {"speaker":"Melanie","dia_id":"D2:2","text":"I love drinking green tea in the morning."}]},
        "qa":[
          {"question":"Where does Caroline live?","answer":"Berlin","evidence":["D2:1"],"category":4},
          {"question":"When did Caroline go to the LGBTQ support group?","answer":"7 May 2023","evidence":["D1:1"],"category":2},
          {"question":"What does Melanie drink in the morning?","answer":"green tea","evidence":["D2:2"],"category":1},
          {"question":"What does Caroline drink?","adversarial_answer":"coffee","evidence":["D2:2"],"category":5}]}]
      """;

  @TempDir Path tmp;

  private record Run(int exitCode, String out, String err) {}

  private Run engram(Map<String, String> env, String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "dev.engram.cli.Main", "--data", tmp.resolve("data").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(tmp.resolve("out.txt").toFile())
        .redirectError(tmp.resolve("err.txt").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ENGRAM_") || k.equals("OPENAI_API_KEY"));
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("engram finished").isTrue();
    return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private Path locomo() throws IOException {
    return Files.writeString(tmp.resolve("locomo.json"), LOCOMO);
  }

  @Test
  void should_report_judge_score_f1_and_context_tokens_when_answering_with_a_model() throws Exception {
    Path file = locomo();
    try (ScriptedChatServer server = ScriptedChatServer.start()) {
      server.reply("Berlin")
          .reply("{\"reason\":\"same city\",\"label\":\"CORRECT\"}")
          .reply("7 May 2023")
          .reply("not a label")                                   // invalid: the judge asks again
          .reply("{\"reason\":\"same date\",\"label\":\"CORRECT\"}")
          .reply("Coffee")
          .reply("{\"reason\":\"tea is not coffee\",\"label\":\"WRONG\"}");

      Run run = engram(Map.of("ENGRAM_LLM_BASE_URL", server.baseUrl().toString(),
          "ENGRAM_LLM_MODEL", "scripted", "ENGRAM_LLM_MAX_RETRIES", "0"),
          "eval", "memory", "--locomo", file.toString(), "--answer");

      assertThat(run.exitCode()).as(run.err()).isZero();
      List<String> lines = run.out().strip().lines().toList();
      assertThat(lines.getLast()).isEqualTo("J 0.6667");
      assertThat(run.out()).containsPattern("single-hop\\s+1\\s+1\\.0000\\s+1\\.0000")
          .containsPattern("temporal\\s+1\\s+1\\.0000\\s+1\\.0000")
          .containsPattern("multi-hop\\s+1\\s+0\\.0000\\s+0\\.0000")
          .containsPattern("overall\\s+3\\s+0\\.6667\\s+0\\.6667\\s+\\d+\\.\\d");
      assertThat(server.requests()).hasSize(7); // category 5 is not asked

      JsonNode answer = server.requests().get(0).body();
      String prompt = answer.path("messages").get(1).path("content").asText();
      assertThat(prompt).contains("Question: Where does Caroline live?")
          .contains("Caroline: I moved to Berlin last month.");
      assertThat(answer.has("response_format")).isFalse();
      JsonNode judge = server.requests().get(1).body();
      assertThat(judge.path("response_format").path("type").asText()).isEqualTo("json_object");
      assertThat(judge.path("messages").get(1).path("content").asText())
          .contains("Gold answer: Berlin").contains("Generated answer: Berlin");
    }
  }

  @Test
  void should_fail_with_what_to_set_and_do_no_work_when_no_model_is_configured() throws Exception {
    Run run = engram(Map.of(), "eval", "memory", "--locomo", locomo().toString(), "--answer");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("ENGRAM-600").contains("ENGRAM_LLM_BASE_URL")
        .contains("ENGRAM_LLM_MODEL");
    assertThat(run.out()).isEmpty();
    assertThat(tmp.resolve("data")).doesNotExist();
  }

  @Test
  void should_report_evidence_recall_and_both_recall_passes_latency_without_a_model() throws Exception {
    Run text = engram(Map.of(), "eval", "memory", "--locomo", locomo().toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).containsPattern("recall latency: p50 [0-9.]+ ms, p95 [0-9.]+ ms")
        .containsPattern("recall latency, second pass \\(JIT warm, each question embedded again\\):"
            + " p50 [0-9.]+ ms, p95 [0-9.]+ ms")
        .contains("evidence-recall@10 ");

    Files.walk(tmp.resolve("data")).sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    Run json = engram(Map.of(), "eval", "memory", "--locomo", locomo().toString(), "--json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
    assertThat(report.get("warmRecall").get("p95Ms").asDouble()).isPositive();
    assertThat(report.get("warmRecall").get("p50Ms").asDouble())
        .isLessThanOrEqualTo(report.get("warmRecall").get("p95Ms").asDouble());
    assertThat(report.get("overall").get("questions").asInt()).isEqualTo(3);
  }
}
