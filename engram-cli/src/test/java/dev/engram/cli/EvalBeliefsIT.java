package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram eval beliefs} through the real CLI, index and in-jar embedder, on a small script. */
class EvalBeliefsIT {
  /**
   * Two users: near-duplicates and a restatement; a move that supersedes, a habit dropped, and
   * chit-chat. Before extraction and consolidation were reworked, village4 was a false NOOP
   * (similarity 0.98) and neither supersede happened.
   */
  private static final String SCRIPT = """
      {"users": [
        {"user": "a", "turns": [
          {"text": "Hi there!"},
          {"text": "I visited village3.", "facts": [{"id": "v3", "category": "activity", "keys": ["village3"]}]},
          {"text": "I visited village4.", "facts": [{"id": "v4", "category": "activity", "shape": "near-duplicate", "keys": ["village4"]}]},
          {"text": "I visited village3.", "restates": "v3"},
          {"text": "My locker number is 112.", "facts": [{"id": "l1", "category": "number", "keys": ["locker", "112"]}]},
          {"text": "Thanks, that's helpful."}
        ]},
        {"user": "b", "speaker": "Priya", "turns": [
          {"text": "I live in Leeds.", "facts": [{"id": "leeds", "category": "attribute", "keys": ["leeds"]}]},
          {"text": "I ride a Vespa to work.", "facts": [{"id": "vespa", "category": "possession", "keys": ["vespa"]}]},
          {"text": "What's the weather like in Manchester?"},
          {"text": "We moved to Manchester last weekend!", "facts": [{"id": "manc", "category": "attribute", "keys": ["manchester"], "supersedes": "leeds"}]},
          {"text": "I don't ride a Vespa to work anymore.", "facts": [{"id": "novespa", "category": "possession", "shape": "flip", "negated": true, "keys": ["vespa"], "supersedes": "vespa"}]}
        ]}
      ]}
      """;

  @TempDir Path tmp;

  @Test
  void should_report_every_fact_kept_and_every_supersede_done_when_replaying_a_small_script() throws Exception {
    Path script = tmp.resolve("script.json");
    Files.writeString(script, SCRIPT);
    Cli cli = new Cli(tmp.resolve("data"));
    Cli.Result r = cli.run("eval", "beliefs", "--file", script.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertThat(report.get("users").asInt()).isEqualTo(2);
    assertThat(report.get("turns").asInt()).isEqualTo(11);
    assertThat(report.get("expectedLive").asInt()).isEqualTo(5);
    assertThat(report.get("recall").asDouble()).as(report.get("misses").toString()).isEqualTo(1.0);
    assertThat(report.get("precision").asDouble()).as(report.get("misses").toString()).isEqualTo(1.0);
    assertThat(report.get("supersedesDone").asInt()).as(report.get("misses").toString()).isEqualTo(2);
    assertThat(report.get("falseNoops").asInt()).isZero();
    assertThat(report.get("restatementsKept").asInt()).isEqualTo(1);
    assertThat(report.get("byShape").findValuesAsText("name")).contains("near-duplicate", "flip", "plain");

    Cli.Result text = cli.run("eval", "beliefs", "--file", script.toString());
    assertThat(text.out()).contains("live facts: precision 1.0000").endsWith(
        "beliefs precision 1.0000 recall 1.0000 supersedes 1.0000 false-noops 0.0000\n");
  }

  @Test
  void should_fail_with_engram_805_naming_the_turn_when_a_script_supersedes_an_unknown_fact() throws Exception {
    Path script = tmp.resolve("bad.json");
    Files.writeString(script, """
        {"users": [{"user": "a", "turns": [
          {"text": "I live in Leeds.", "facts": [{"id": "x", "category": "attribute", "keys": ["leeds"], "supersedes": "nope"}]}]}]}
        """);
    Cli.Result r = new Cli(tmp.resolve("data")).run("eval", "beliefs", "--file", script.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("ENGRAM-805").contains("user a, turn 1").contains("'nope'");
  }
}
