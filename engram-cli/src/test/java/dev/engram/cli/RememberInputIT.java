package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What remember and recall refuse, through the real CLI: a clear error, exit code 1, nothing stored. */
class RememberInputIT {
  @TempDir Path tmp;

  private void assertRefused(Cli cli, Cli.Result r, String code, String... words) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("error " + code).contains(words).doesNotContain("\tat ", "Exception");
    assertThat(cli.storesNothingFor("leo")).isTrue();
  }

  @Test
  void should_refuse_with_engram_309_when_the_conversation_file_is_missing() {
    Cli cli = new Cli(tmp.resolve("data"));
    Path missing = tmp.resolve("missing.jsonl");

    assertRefused(cli, cli.run("remember", "--user", "leo", "--file", missing.toString()),
        "ENGRAM-309", missing.toString(), "does not exist");
  }

  @Test
  void should_refuse_with_engram_309_when_the_conversation_file_is_a_folder() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path folder = Files.createDirectories(tmp.resolve("chats"));

    assertRefused(cli, cli.run("remember", "--user", "leo", "--file", folder.toString()),
        "ENGRAM-309", folder.toString(), "is a folder");
  }

  @Test
  void should_refuse_with_engram_309_when_the_conversation_file_is_not_utf8() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path latin1 = tmp.resolve("latin1.jsonl");
    Files.write(latin1, new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'c', 'a', 'f', (byte) 0xE9, '"', '}', '\n'});

    assertRefused(cli, cli.run("remember", "--user", "leo", "--file", latin1.toString()),
        "ENGRAM-309", latin1.toString(), "not UTF-8");
  }

  @Test
  void should_refuse_with_engram_313_when_a_time_is_more_than_a_day_in_the_future() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path future = tmp.resolve("future.jsonl");
    Files.writeString(future, "{\"text\":\"I have a cat named Pixel.\",\"time\":\"9999-01-01\"}\n");

    assertRefused(cli, cli.run("remember", "--user", "leo", "--at", "9999-01-01", "I have a cat named Pixel."),
        "ENGRAM-313", "--at 9999-01-01", "in the future");
    assertRefused(cli, cli.run("remember", "--user", "leo", "--file", future.toString()),
        "ENGRAM-313", "line 1", "in the future");
  }

  @Test
  void should_accept_a_time_when_it_is_within_a_day_of_now() {
    Cli cli = new Cli(tmp.resolve("data"));

    // the clock of the test is Cli.NOW, 2026-06-01T12:00Z
    Cli.Result r = cli.run("remember", "--user", "leo", "--at", "2026-06-02T06:00", "I have a cat named Pixel.");

    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void should_refuse_with_engram_312_when_the_role_is_unknown() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path robot = tmp.resolve("robot.jsonl");
    Files.writeString(robot, "{\"role\":\"robot\",\"text\":\"I have a cat named Pixel.\"}\n");

    assertRefused(cli, cli.run("remember", "--user", "leo", "--role", "robot", "I have a cat named Pixel."),
        "ENGRAM-312", "robot", "user, assistant, system");
    assertRefused(cli, cli.run("remember", "--user", "leo", "--file", robot.toString()),
        "ENGRAM-308", "line 1", "robot");
  }

  @Test
  void should_accept_a_system_message_when_the_role_is_system() {
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result r = cli.run("remember", "--user", "leo", "--role", "system", "The user has a cat named Pixel.");

    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void should_refuse_with_engram_402_when_a_recall_query_is_over_the_search_limit() {
    Cli cli = new Cli(tmp.resolve("data"));
    String query = "cat ".repeat(1_001);

    Cli.Result recall = cli.run("recall", "--user", "leo", query);
    Cli.Result search = cli.run("search", query);

    assertThat(recall.exitCode()).as(recall.err()).isEqualTo(1);
    assertThat(recall.err()).contains("error ENGRAM-402").contains("4004 characters").contains("4000");
    assertThat(search.err()).contains("error ENGRAM-402");
  }
}
