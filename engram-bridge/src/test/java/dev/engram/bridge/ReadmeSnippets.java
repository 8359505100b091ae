package dev.engram.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a README example true: the example is a source file the build compiles, and the README
 * must show it verbatim (all but its package line) in a {@code java} block.
 */
public final class ReadmeSnippets {
  private ReadmeSnippets() {}

  /** The example's text as the README must show it. */
  public static String snippet(Path source) throws IOException {
    return Files.readString(source).replaceFirst("(?s)^package [^;]+;\\s*", "").strip();
  }

  /** The README of the repository, found from a module's directory. */
  public static String readme() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    Path readme = Files.exists(here.resolve("README.md")) && Files.exists(here.resolve("mvnw"))
        ? here.resolve("README.md") : here.getParent().resolve("README.md");
    return Files.readString(readme);
  }
}
