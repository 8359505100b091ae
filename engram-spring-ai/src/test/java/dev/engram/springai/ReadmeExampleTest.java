package dev.engram.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.bridge.ReadmeSnippets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example is the compiled {@code example/SupportChat.java}, verbatim. */
class ReadmeExampleTest {
  @Test
  void should_show_the_compiled_example_when_the_readme_is_read() throws Exception {
    String example = ReadmeSnippets.snippet(Path.of("src/test/java/dev/engram/springai/example/SupportChat.java"));
    assertThat(example).contains("public class SupportChat");
    assertThat(ReadmeSnippets.readme()).contains("```java\n" + example + "\n```");
  }
}
