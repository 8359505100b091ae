package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchEmbedCommandTest {
  @TempDir Path dir;

  @Test
  void should_lengthen_each_query_with_the_next_ones_when_words_are_asked_for() {
    List<String> queries = List.of("a b", "c d e", "f");

    assertThat(BenchEmbedCommand.lengthened(queries, 4)).containsExactly("a b c d", "c d e f", "f a b c");
    assertThat(BenchEmbedCommand.lengthened(queries, 0)).isSameAs(queries);
  }

  @Test
  void should_print_one_line_per_client_count_when_embedding_queries() throws Exception {
    Files.writeString(dir.resolve("queries.jsonl"),
        "{\"_id\":\"1\",\"text\":\"Vitamin D lowers the risk of infections.\"}\n"
            + "{\"_id\":\"2\",\"text\":\"Aspirin prevents heart attacks.\"}\n");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchEmbedCommand()).setOut(new PrintWriter(out));

    int code = cli.execute("--scifact", dir.toString(), "--clients", "1,3", "--n", "6");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("2 queries (as they are)", "query tokens 128")
        .containsPattern("clients  1:     6 queries in .* queries/s, p50 .* CPU [0-9.]+ ms per query")
        .containsPattern("clients  3:     6 queries");
  }

  @Test
  void should_refuse_a_missing_queries_file_and_a_query_window_over_the_model() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchEmbedCommand()).setErr(new PrintWriter(err));

    assertThat(cli.execute("--scifact", dir.resolve("none").toString())).isEqualTo(2);
    assertThat(cli.execute("--scifact", dir.toString(), "--query-tokens", "511")).isEqualTo(2);
    assertThat(err.toString()).contains("no queries file").contains("--query-tokens must be between 1 and 510");
  }
}
