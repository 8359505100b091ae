package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code remember --file} of distinct facts that differ in one detail, through the real CLI,
 * index and in-jar embedder: every one is added. Before, 2,000 such lines gave 7 ADD and 1,993
 * NOOP ("already known (similarity 0.98)"); 300 lines keep the test short.
 */
class RememberDistinctFactsIT {
  private static final int LINES = 300;

  @TempDir Path tmp;

  @Test
  void should_add_every_line_when_distinct_facts_differ_in_one_number() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      lines.add("{\"text\":\"I visited village" + i + ".\"}"); // no speaker, no role: the user's
    }
    Path file = tmp.resolve("facts.jsonl");
    Files.write(file, lines);
    Cli cli = new Cli(tmp.resolve("data"));
    Cli.Result r = cli.run("remember", "--user", "u", "--file", file.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode decisions = new ObjectMapper().readTree(r.out()).get(0).get("decisions");
    assertThat(decisions).hasSize(LINES);
    assertThat(decisions.findValuesAsText("action")).containsOnly("ADD");
    assertThat(decisions.get(0).get("text").asText()).isEqualTo("u visited village0.");

    // Said again, each is already known.
    Cli.Result again = cli.run("remember", "--user", "u", "--file", file.toString(), "--json");
    assertThat(new ObjectMapper().readTree(again.out()).get(0).get("decisions").findValuesAsText("action"))
        .containsOnly("NOOP");
  }

  @Test
  void should_supersede_a_file_line_when_the_same_user_later_says_otherwise() throws Exception {
    Path file = Files.writeString(tmp.resolve("sister.jsonl"), "{\"text\":\"My sister lives in Oslo.\"}\n");
    Cli cli = new Cli(tmp.resolve("data"));
    assertThat(cli.run("remember", "--user", "ann", "--file", file.toString()).exitCode()).isZero();

    Cli.Result moved = cli.run("remember", "--user", "ann", "Actually my sister moved to Bergen.", "--json");

    JsonNode decision = new ObjectMapper().readTree(moved.out()).get(0).get("decisions").get(0);
    assertThat(decision.get("action").asText()).isEqualTo("SUPERSEDE");
    assertThat(cli.run("memories", "--user", "ann").out()).contains("Bergen").doesNotContain("Oslo");
  }
}
