package dev.engram.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.bridge.ReadmeSnippets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example is the compiled {@code example/SupportAssistant.java}, verbatim. */
class ReadmeExampleTest {
  @Test
  void should_show_the_compiled_example_when_the_readme_is_read() throws Exception {
    String example = ReadmeSnippets.snippet(Path.of("src/test/java/dev/engram/langchain4j/example/SupportAssistant.java"));
    assertThat(example).contains("public class SupportAssistant");
    assertThat(ReadmeSnippets.readme()).contains("```java\n" + example + "\n```");
  }
}
