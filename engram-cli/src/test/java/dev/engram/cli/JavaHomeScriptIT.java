package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/java-home.sh}, which {@code ./engram} and {@code ./test} use to find a JDK, run
 * on fake JDK homes (a {@code bin/javac}, and a {@code release} file or a {@code bin/java} that
 * prints its version) with nothing else to find: no real JDK on its PATH or in its JDK folders.
 */
class JavaHomeScriptIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final List<String> TOOLS = List.of("sed", "head", "readlink", "dirname", "sort");

  @TempDir Path tmp;
  private Path tools;
  private int required;

  @BeforeEach
  void isolate() throws IOException {
    Matcher release = Pattern.compile("<maven\\.compiler\\.release>(\\d+)</maven\\.compiler\\.release>")
        .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(release.find()).as("the parent pom names the release").isTrue();
    required = Integer.parseInt(release.group(1));
    tools = Files.createDirectories(tmp.resolve("tools"));
    for (String tool : TOOLS) {
      Path real = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
          .filter(Files::isExecutable).findFirst().orElseThrow();
      Files.createSymbolicLink(tools.resolve(tool), real);
    }
  }

  /** Runs the script with only {@code javaHome} and the homes matching {@code jdkDirs} to look at. */
  private Result run(Path javaHome, String jdkDirs) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(bash(), ROOT.resolve("scripts/java-home.sh").toString());
    pb.environment().clear();
    pb.environment().putAll(Map.of("PATH", tools.toString(), "JAVA_HOME", javaHome.toString(),
        "ENGRAM_JDK_DIRS", jdkDirs));
    pb.redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(tmp.resolve("out")).strip(),
        Files.readString(tmp.resolve("err")));
  }

  private record Result(int exitCode, String out, String err) {}

  private static String bash() {
    return List.of(Path.of("/bin/bash"), Path.of("/usr/bin/bash")).stream().filter(Files::isExecutable)
        .findFirst().orElseThrow().toString();
  }

  /** A JDK home that says it is {@code version} in its release file, or else only through {@code java -version}. */
  private Path fakeJdk(String name, int version, boolean releaseFile) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("jdks").resolve(name));
    Path bin = Files.createDirectories(home.resolve("bin"));
    executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
    if (releaseFile) {
      Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + ".0.2\"\n");
    } else {
      executable(bin.resolve("java"),
          "#!/bin/sh\necho 'openjdk version \"" + version + ".0.2\" 2024-01-16' >&2\n");
    }
    return home;
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void should_ask_for_the_release_the_build_targets_when_the_only_jdk_is_older() throws Exception {
    Path old = fakeJdk("jdk-old", required - 4, true);

    Result r = run(old, "");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("Engram needs JDK " + required + " or newer: install Temurin " + required
            + " (https://adoptium.net) or set JAVA_HOME")
        .contains(old.toRealPath() + " (JDK " + (required - 4) + ")");
  }

  @Test
  void should_refuse_an_older_jdk_when_only_java_version_tells_its_version() throws Exception {
    Path old = fakeJdk("jdk-old", required - 4, false);

    Result r = run(old, "");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Engram needs JDK " + required).contains("(JDK " + (required - 4) + ")");
  }

  @Test
  void should_print_the_newest_home_when_several_jdks_are_new_enough() throws Exception {
    Path old = fakeJdk("jdk-old", required - 4, true);
    fakeJdk("jdk-required", required, false);
    Path newest = fakeJdk("jdk-newest", required + 1, true);

    Result r = run(old, tmp.resolve("jdks") + "/*");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(newest.toRealPath().toString());
  }

  @Test
  void should_name_the_same_jdk_in_the_readme_when_the_build_targets_a_release() throws IOException {
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("JDK " + required + " or newer")
        .doesNotContain("JDK 21 or newer");
  }
}
