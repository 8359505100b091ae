package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code --data} and {@code --index} as picocli parses them, before and after the command name. */
class DataOptionsTest {

  private static DataOptions parse(Map<String, String> env, String... args) {
    Main main = new Main();
    main.env = env;
    ParseResult parsed = new CommandLine(main).parseArgs(args);
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return parsed.commandSpec().mixins().values().stream()
        .map(m -> m.userObject()).filter(DataOptions.class::isInstance).map(DataOptions.class::cast)
        .findFirst().orElseThrow();
  }

  @Test
  void should_use_the_option_nearest_the_command_when_given_before_and_after_its_name() {
    assertThat(parse(Map.of(), "--data", "a", "search", "q").dir()).isEqualTo(Path.of("a"));
    assertThat(parse(Map.of(), "search", "q", "--data", "b").dir()).isEqualTo(Path.of("b"));
    assertThat(parse(Map.of(), "--data", "a", "search", "--data", "b", "q").dir()).isEqualTo(Path.of("b"));
    assertThat(parse(Map.of(), "--data", "a", "eval", "retrieval", "--dataset", "x").dir()).isEqualTo(Path.of("a"));
    assertThat(parse(Map.of(), "--index", "lucene:/i", "documents").indexUri()).contains("lucene:/i");
    assertThat(parse(Map.of(), "documents", "--index", "opensearch://h:9200").indexUri())
        .contains("opensearch://h:9200");
  }

  @Test
  void should_fall_back_to_the_environment_then_the_defaults_when_no_option_is_given() {
    Map<String, String> env = Map.of(DataOptions.DATA_VAR, "/srv/engram", DataOptions.INDEX_VAR, "lucene:/srv/i");
    assertThat(parse(env, "documents").dir()).isEqualTo(Path.of("/srv/engram"));
    assertThat(parse(env, "documents").indexUri()).contains("lucene:/srv/i");
    assertThat(parse(env, "documents", "--index", "lucene:/x").indexUri()).contains("lucene:/x");
    assertThat(parse(Map.of(DataOptions.INDEX_VAR, "  "), "documents").indexUri()).isEmpty();
    assertThat(parse(Map.of(), "documents").dir()).isEqualTo(Path.of("engram-data"));
    assertThat(parse(Map.of(), "documents").indexUri()).isEmpty();
  }

  @Test
  void should_refuse_a_blank_index_when_one_is_given() {
    assertThatThrownBy(() -> parse(Map.of(), "documents", "--index", " "))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--index needs a URI");
  }
}
