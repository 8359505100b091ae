package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person gets for a wrong path or number, through the real CLI: the flag or path named,
 * the README's code and exit code, and nothing created or stored.
 */
class ArgumentsIT {
  @TempDir Path tmp;

  @Test
  void should_refuse_and_create_nothing_when_a_read_command_is_given_a_mistyped_data_directory() {
    Path typo = tmp.resolve("engram-dat");
    Cli cli = new Cli(typo);

    for (String[] command : new String[][] {
        {"search", "lamp"}, {"documents"}, {"recall", "--user", "ann", "lamp"}, {"memories", "--user", "ann"}}) {
      Cli.Result r = cli.run(command);

      assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.err()).isEqualTo(1);
      assertThat(r.err()).contains("error ENGRAM-504").contains(typo.toString()).contains("hint: check --data");
    }
    assertThat(typo).doesNotExist();
  }

  @Test
  void should_read_an_existing_data_directory_when_nothing_is_stored_in_it_yet() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Cli cli = new Cli(empty);

    assertThat(cli.run("search", "lamp").out()).contains("no hits: nothing is ingested");
    assertThat(cli.run("memories", "--user", "ann").out()).contains("0 memories");
  }

  @Test
  void should_name_the_flag_when_a_number_is_out_of_range() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));
    Path doc = Files.writeString(tmp.resolve("lamp.txt"), "The lamp burns paraffin.\n");

    assertUsageError(cli.run("search", "lamp", "-k", "0"), "-k must be at least 1, got 0");
    assertUsageError(cli.run("recall", "--user", "ann", "lamp", "-k", "-3"), "-k must be at least 1, got -3");
    assertUsageError(cli.run("ingest", doc.toString(), "--chunk-tokens", "8"), "--chunk-tokens must be at least 16");
    assertUsageError(cli.run("ingest", doc.toString(), "--max-file-size", "0"), "--max-file-size must be at least 1");
    assertUsageError(cli.run("documents", "--limit", "0"), "--limit must be at least 1");
    assertUsageError(cli.run("eval", "retrieval", "--dataset", "none", "--overlap-tokens", "-1"),
        "--overlap-tokens must be at least 0");
    assertUsageError(cli.run("eval", "retrieval", "--dataset", "none", "--overlap-tokens", "128"),
        "--overlap-tokens must be less than half of --chunk-tokens (256)");
    assertThat(tmp.resolve("data")).doesNotExist();
  }

  @Test
  void should_say_engram_102_when_a_path_given_to_ingest_does_not_exist() {
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result r = cli.run("ingest", tmp.resolve("no-such-folder").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("error ENGRAM-102").contains("no-such-folder").contains("does not exist");
  }

  private static void assertUsageError(Cli.Result r, String message) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message).doesNotContain("\tat ");
  }
}
