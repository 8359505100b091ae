package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The CLI's hints, for core messages as they read once they name no flag (and as they read today,
 * when some still do: then no hint repeats them).
 */
class ErrorHintsTest {

  @Test
  void should_name_the_user_flag_when_a_memory_command_has_no_owner() {
    assertThat(ErrorHints.hint("ENGRAM-301", "memories",
        "list memories needs a user or an agent in the scope: name the user (or the agent)"))
        .hasValueSatisfying(h -> assertThat(h).contains("--user U").contains("--agent A"));
    assertThat(ErrorHints.hint("ENGRAM-301", "erase", "erase needs a user in the scope: name the user"))
        .contains("pass --user U");
  }

  @Test
  void should_point_to_the_documents_command_when_delete_finds_no_such_document() {
    assertThat(ErrorHints.hint("ENGRAM-404", "delete", "no document with id 'x' in knowledge base default"))
        .hasValueSatisfying(h -> assertThat(h).contains("`engram documents`").contains("--kb"));
  }

  @Test
  void should_point_to_the_memories_command_when_forget_finds_no_such_memory() {
    assertThat(ErrorHints.hint("ENGRAM-306", "forget", "no memory with id 'mem-x' in this scope"))
        .hasValueSatisfying(h -> assertThat(h).contains("`engram memories --user U`"));
  }

  @Test
  void should_name_the_data_flag_when_the_data_directory_cannot_be_used() {
    assertThat(ErrorHints.hint("ENGRAM-502", "search", "the data directory /d is in use by another process"))
        .hasValueSatisfying(h -> assertThat(h).contains("--data"));
    assertThat(ErrorHints.hint("ENGRAM-501", "ingest", "the data directory /d was built with model m"))
        .hasValueSatisfying(h -> assertThat(h).contains("--data"));
  }

  @Test
  void should_add_nothing_when_the_message_already_names_the_fix_or_the_code_needs_no_flag() {
    assertThat(ErrorHints.hint("ENGRAM-306", "forget",
        "no memory with id 'x' in this scope: list them with `engram memories --user U`")).isEmpty();
    assertThat(ErrorHints.hint("ENGRAM-502", "search", "in use; stop it or use another --data.")).isEmpty();
    assertThat(ErrorHints.hint("ENGRAM-401", "search", "the query is empty")).isEmpty();
    assertThat(ErrorHints.hint("ENGRAM-404", "search", "no such id")).as("404 hints on delete only").isEmpty();
  }

  @Test
  void should_name_remote_mode_when_a_running_server_holds_the_data_directory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws java.io.IOException {
    java.nio.file.Path store = java.nio.file.Files.createDirectories(tmp.resolve("index").resolve("store"));
    String message = "The data directory " + tmp + " is being written by process 7 (...). Stop that process";
    java.nio.file.Files.writeString(store.resolve("writer.pid"), "7 2026-12-01T00:00:00Z java -jar lib/engram-cli.jar ingest docs\n");
    assertThat(ErrorHints.hint("ENGRAM-502", "remember", message)).as("held by an ingest")
        .hasValueSatisfying(h -> assertThat(h).doesNotContain("--server"));

    java.nio.file.Files.writeString(store.resolve("writer.pid"), "7 2026-12-01T00:00:00Z java -jar lib/engram-cli.jar serve --port 8420\n");
    assertThat(ErrorHints.hint("ENGRAM-502", "remember", message))
        .hasValueSatisfying(h -> assertThat(h).contains("engram serve").contains("--server URL --api-key KEY"));
    assertThat(ErrorHints.hint("ENGRAM-502", "mcp", message)).as("engram mcp has no --server: /mcp instead")
        .hasValueSatisfying(h -> assertThat(h).contains("/mcp").doesNotContain("--server"));
  }
}
