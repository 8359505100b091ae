package dev.engram.memory;

import dev.engram.memory.model.Message;
import dev.engram.common.Scope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.memory.extract.RuleExtractor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Erasing a user leaves none of the user's words in any file of the data directory. */
class MemoryEraseIT {
  private static final String SECRET = "Xylophonequartz";
  @TempDir Path dir;

  private static List<Path> filesContaining(Path root, String word) throws IOException {
    byte[][] needles = {word.getBytes(StandardCharsets.UTF_8),
        word.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)};
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (byte[] needle : needles) {
          if (indexOf(bytes, needle) >= 0) {
            found.add(f);
            break;
          }
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void should_leave_no_trace_of_the_user_in_any_file_when_the_user_is_erased() throws Exception {
    Path data = dir.resolve("data");
    Scope victim = Scope.ofUser("victim").withSession("s1");
    Scope keeper = Scope.ofUser("keeper");
    Instant t = Instant.parse("2023-04-01T10:00:00Z");
    try (Engram engram = Engram.builder().dataDirectory(data)
        .clock(Clock.fixed(t.plusSeconds(3_600), ZoneOffset.UTC)).build()) {
      Memories memories = engram.memories();
      List<Message> story = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        story.add(Message.of("Vic", "I love my cat " + SECRET + " number " + i + ".", t));
      }
      story.add(Message.of("Vic", "I live in " + SECRET + "ville.", t));
      memories.remember(victim, story);
      memories.remember(victim, List.of(Message.of("Vic", "I moved to Berlin from " + SECRET + "ville.", t.plusSeconds(60))));
      memories.remember(keeper, List.of(Message.of("Kim", "I love my dog Fidoquartzite.", t)));
      // The positive control: before erasing, the secret is on disk, so the search below can find it.
      assertThat(filesContaining(data, SECRET)).isNotEmpty();

      Map<String, Integer> erased = memories.erase(Scope.ofUser("victim"));
      assertThat(erased.get("episodes")).isEqualTo(22);
      assertThat(erased.get("memories")).isPositive();
      assertThat(erased.get("memory-history")).isPositive();
      assertThat(memories.list(Scope.ofUser("victim"), true)).isEmpty();
      assertThat(memories.list(keeper, true)).isNotEmpty();
    }
    assertThat(filesContaining(data, SECRET)).isEmpty();
    assertThat(filesContaining(data, "victim")).isEmpty();
  }
}
