package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output for people shows control characters of file names and texts escaped; --json keeps them. */
class HumanOutputIT {
  private static final String ESC = "\u001b";
  private static final String NAME = "red" + ESC + "[31mlamp.txt";
  private static final String TEXT = "The lighthouse lamp" + ESC + "[2J burns paraffin every night.";

  @TempDir Path tmp;
  private Cli cli;

  @BeforeEach
  void ingest() throws Exception {
    Path kb = Files.createDirectories(tmp.resolve("kb"));
    Files.writeString(kb.resolve(NAME), TEXT + "\n");
    cli = new Cli(tmp.resolve("data"));
    Cli.Result ingested = cli.run("ingest", kb.toString());
    assertThat(ingested.exitCode()).as(ingested.err()).isZero();
  }

  @Test
  void should_escape_control_characters_when_documents_prints_for_people() {
    Cli.Result r = cli.run("documents");

    assertThat(r.out()).doesNotContain(ESC).contains("red\\u001b[31mlamp");
  }

  @Test
  void should_escape_control_characters_when_search_prints_for_people() {
    Cli.Result r = cli.run("search", "lighthouse lamp paraffin");

    assertThat(r.out()).doesNotContain(ESC).contains("red\\u001b[31mlamp").contains("lamp\\u001b[2J burns");
  }

  @Test
  void should_escape_control_characters_when_ask_prints_its_sources() {
    Cli.Result r = cli.run("ask", "--user", "ann", "what does the lighthouse lamp burn");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain(ESC).contains("Sources:").contains("red\\u001b[31mlamp");
  }

  @Test
  void should_escape_control_characters_when_memory_commands_print_for_people() {
    Cli.Result remembered = cli.run("remember", "--user", "ann", "I live in Par" + ESC + "[2Jis with my cat.");
    Cli.Result memories = cli.run("memories", "--user", "ann");
    Cli.Result recalled = cli.run("recall", "--user", "ann", "where do I live");

    assertThat(remembered.exitCode()).as(remembered.err()).isZero();
    for (Cli.Result r : new Cli.Result[] {remembered, memories, recalled}) {
      assertThat(r.out()).doesNotContain(ESC).contains("Par\\u001b[2Jis");
    }
    String id = memories.out().lines().filter(l -> l.startsWith("mem-")).findFirst().orElseThrow().split(" ")[0];
    Cli.Result edited = cli.run("edit", "--user", "ann", id, "I live in Ly" + ESC + "[31mon.");
    Cli.Result history = cli.run("memories", "--user", "ann", "--id", id);
    assertThat(edited.out()).doesNotContain(ESC).contains("Ly\\u001b[31mon");
    assertThat(history.out()).doesNotContain(ESC).contains("Ly\\u001b[31mon");
  }

  @Test
  void should_keep_control_characters_when_the_output_is_json() throws Exception {
    JsonNode hits = new ObjectMapper().readTree(cli.run("search", "lighthouse lamp paraffin", "--json").out());
    JsonNode documents = new ObjectMapper().readTree(cli.run("documents", "--json").out());

    assertThat(hits.get(0).get("text").asText()).contains(TEXT);
    assertThat(hits.get(0).get("source").asText()).endsWith(NAME);
    assertThat(documents.get(0).get("source").asText()).endsWith(NAME);
  }
}
