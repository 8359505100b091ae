package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every ENGRAM code the main sources can raise is in the README's error table, in the row of its
 * hundred: a person who gets a code can look it up.
 */
class ErrorCodesDocumentedTest {
  private static final Pattern CODE = Pattern.compile("\"ENGRAM-(\\d{3})\"");
  private static final Path ROOT = Path.of("..");

  @Test
  void should_document_every_error_code_when_the_sources_raise_it() throws IOException {
    Set<String> raised = new TreeSet<>();
    try (Stream<Path> files = Files.walk(ROOT, 8)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))::iterator) {
        Matcher m = CODE.matcher(Files.readString(f));
        while (m.find()) {
          raised.add(m.group(1));
        }
      }
    }
    String readme = Files.readString(ROOT.resolve("README.md"));

    assertThat(raised).as("codes found in the sources").contains("102", "301", "504");
    for (String code : raised) {
      Matcher row = Pattern.compile("(?m)^\\| ENGRAM-" + code.charAt(0) + "xx \\|(.*)$").matcher(readme);
      assertThat(row.find()).as("README row ENGRAM-%sxx", code.charAt(0)).isTrue();
      assertThat(row.group(1)).as("README row of ENGRAM-%s", code)
          .containsPattern("(^|[^0-9])" + code + "([^0-9]|$)");
    }
  }
}
