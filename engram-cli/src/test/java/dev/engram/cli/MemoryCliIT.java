package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory commands through the real CLI, index and model. */
class MemoryCliIT {
  @TempDir Path tmp;

  @Test
  void should_remember_recall_list_forget_and_erase_when_driving_the_cli() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path conversation = tmp.resolve("chat.jsonl");
    Files.writeString(conversation, """
        {"role":"user","speaker":"Mia","text":"I work as a nurse at the city hospital.","time":"2024-01-10T09:00"}
        {"role":"assistant","speaker":"assistant","text":"That sounds demanding!","time":"2024-01-10T09:01"}
        {"role":"user","speaker":"Mia","text":"I love growing tomatoes on my balcony.","time":"2024-01-10T09:02","session":"s2"}
        """);
    Cli.Result remembered = cli.run("remember", "--user", "mia", "--file", conversation.toString());
    assertThat(remembered.exitCode()).as(remembered.err()).isZero();
    assertThat(remembered.out()).contains("remembered 3 message(s)");

    JsonNode recalled = new ObjectMapper().readTree(
        cli.run("recall", "--user", "mia", "what does Mia grow", "--as-of", "2024-01-11", "--json").out());
    assertThat(recalled.toString()).contains("tomatoes");

    JsonNode list = new ObjectMapper().readTree(cli.run("memories", "--user", "mia", "--json").out());
    assertThat(list).isNotEmpty();
    assertThat(list.findValuesAsText("slot")).contains("mia|likes growing tomatoes balcony=+");
    String id = list.get(0).get("id").asText();
    assertThat(cli.run("memories", "--user", "mia", "--id", id).out()).contains(id);

    assertThat(cli.run("recall", "--user", "someone-else", "tomatoes", "--json").out()).doesNotContain("tomatoes");

    assertThat(cli.run("forget", "--user", "mia", id).exitCode()).isZero();
    assertThat(cli.run("memories", "--user", "mia", "--json").out()).doesNotContain("\"" + id + "\"");

    Cli.Result erased = cli.run("erase", "--user", "mia");
    assertThat(erased.out()).contains("erased user mia");
    assertThat(cli.run("recall", "--user", "mia", "tomatoes", "--json").out()).doesNotContain("tomatoes");
  }

  @Test
  void should_list_and_erase_only_the_session_when_a_session_is_given() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path conversation = tmp.resolve("chat.jsonl");
    Files.writeString(conversation, """
        {"role":"user","speaker":"Mia","text":"I work as a nurse at the city hospital.","time":"2024-01-10T09:00","session":"s1"}
        {"role":"user","speaker":"Mia","text":"I love growing tomatoes on my balcony.","time":"2024-01-10T09:02","session":"s2"}
        """);
    assertThat(cli.run("remember", "--user", "mia", "--file", conversation.toString()).exitCode()).isZero();

    String s1 = cli.run("memories", "--user", "mia", "--session", "s1").out();
    assertThat(s1).contains("nurse").doesNotContain("tomatoes");

    Cli.Result erased = cli.run("erase", "--user", "mia", "--session", "s1");
    assertThat(erased.exitCode()).as(erased.err()).isZero();
    assertThat(erased.out()).contains("erased user mia session s1 (tenant default): ").contains("episodes=1");
    String left = cli.run("memories", "--user", "mia").out();
    assertThat(left).contains("tomatoes").doesNotContain("nurse");
  }

  @Test
  void should_list_session_summaries_apart_only_when_asked() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path conversation = tmp.resolve("summaries.jsonl");
    Files.writeString(conversation, """
        {"role":"user","speaker":"Mia","text":"I work as a nurse at the city hospital.","time":"2024-01-10T09:00","session":"s1"}
        {"role":"user","speaker":"Mia","text":"I love growing tomatoes on my balcony.","time":"2024-01-10T09:02","session":"s1"}
        """);
    assertThat(cli.run("remember", "--user", "mia", "--file", conversation.toString()).exitCode()).isZero();

    String plain = cli.run("memories", "--user", "mia").out();
    Cli.Result all = cli.run("memories", "--user", "mia", "--summaries");
    JsonNode json = new ObjectMapper().readTree(cli.run("memories", "--user", "mia", "--json").out());

    assertThat(plain).contains("nurse").contains("tomatoes").doesNotContain("  summary ")
        .contains("2 memories").endsWith("1 session summary not shown (--summaries lists them)\n");
    assertThat(all.exitCode()).as(all.err()).isZero();
    String apart = all.out().substring(all.out().indexOf("2 memories"));
    assertThat(apart).contains("Session summaries:").contains("  summary ").contains("nurse")
        .endsWith("1 session summary\n");
    assertThat(json).hasSize(3); // the two memories and the summary
  }

  @Test
  void should_store_nothing_when_a_conversation_file_is_malformed() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path bad = tmp.resolve("bad.jsonl");
    Files.writeString(bad, "{\"text\":\"I have a cat named Pixel.\"}\n{\"text\": 42}\n");

    Cli.Result r = cli.run("remember", "--user", "leo", "--file", bad.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("line 2");
    assertThat(cli.storesNothingFor("leo")).isTrue();
    assertThat(cli.run("recall", "--user", "leo", "cat Pixel", "--json").out()).doesNotContain("Pixel");
  }

  @Test
  void should_explain_when_dates_or_users_are_wrong() {
    Cli cli = new Cli(tmp.resolve("data"));
    Cli.Result date = cli.run("recall", "--user", "leo", "cat", "--as-of", "last tuesday");
    assertThat(date.exitCode()).isEqualTo(1);
    assertThat(date.err()).contains("ENGRAM-307").contains("2024-05-08");

    Cli.Result noUser = cli.run("recall", "cat");
    assertThat(noUser.exitCode()).isEqualTo(1);
    assertThat(noUser.err()).contains("ENGRAM-301").contains("--user");

    Cli.Result noOwner = cli.run("memories");
    assertThat(noOwner.exitCode()).isEqualTo(1);
    assertThat(noOwner.err()).contains("ENGRAM-301").contains("--user U");

    Cli.Result unknown = cli.run("forget", "--user", "leo", "mem-nope");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("ENGRAM-306").contains("mem-nope").contains("`engram memories --user U`");

    Cli.Result eraseAgent = cli.run("erase", "--agent", "helper");
    assertThat(eraseAgent.exitCode()).isEqualTo(1);
    assertThat(eraseAgent.err()).contains("ENGRAM-301").contains("--user");
  }

  @Test
  void should_remember_an_agents_own_memories_when_only_an_agent_is_given() {
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result agent = cli.run("remember", "--agent", "helper", "I prefer short answers with numbered steps.");
    cli.run("remember", "--user", "ann", "--agent", "helper", "I love hiking in the Alps.");

    assertThat(agent.exitCode()).as(agent.err()).isZero();
    assertThat(cli.run("memories", "--agent", "helper").out()).contains("numbered steps");
    assertThat(cli.run("memories", "--user", "ann", "--agent", "helper").out()).contains("hiking")
        .doesNotContain("numbered steps");
  }
}
