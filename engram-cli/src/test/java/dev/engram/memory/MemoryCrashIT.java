package dev.engram.memory;

import dev.engram.memory.model.RememberResult;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.Episode;
import dev.engram.common.Scope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.memory.extract.RuleExtractor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a remembering JVM with kill -9: every acknowledged message is there after reopening. */
class MemoryCrashIT {
  private static final int ACKS = 25;
  @TempDir Path dir;

  @Test
  void should_keep_every_acknowledged_message_when_the_process_is_killed_during_remember() throws Exception {
    Path data = dir.resolve("data");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        CrashRememberMain.class.getName(), data.toString()).redirectErrorStream(true).start();
    List<String> acked = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      for (String line; acked.size() < ACKS && (line = in.readLine()) != null; ) {
        if (line.startsWith("ack ")) {
          acked.add(line.substring(4));
        }
      }
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL, mid-way through a remember
    }
    assertThat(acked).hasSize(ACKS);

    try (Engram engram = Engram.builder().dataDirectory(data).clock(CrashRememberMain.CLOCK).build()) {
      Memories memories = engram.memories();
      Scope scope = Scope.ofUser("crash");
      assertThat(memories.messages(scope, acked)).extracting(Episode::id).containsExactlyElementsOf(acked);
      assertThat(memories.list(scope, false)).hasSizeGreaterThanOrEqualTo(ACKS);
      assertThat(memories.recall(RecallQuery.of(scope, "museum number 7")).getFirst().text())
          .contains("museum number 7");
      RememberResult after = memories.remember(scope.withSession("s"), List.of(Message.user("I love tea.")));
      assertThat(memories.messages(scope, after.messageIds())).hasSize(1);
    }
  }
}
