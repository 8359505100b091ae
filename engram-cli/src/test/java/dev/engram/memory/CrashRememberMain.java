package dev.engram.memory;

import dev.engram.memory.model.RememberResult;
import dev.engram.memory.model.Message;
import dev.engram.common.Scope;
import dev.engram.Engram;
import dev.engram.memory.extract.RuleExtractor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs in a child JVM for {@link MemoryCrashIT}: remembers messages one call at a time and prints
 * the id of each acknowledged message, forever, until killed with kill -9.
 */
public final class CrashRememberMain {
  /** The time of every remember, here and in {@link MemoryCrashIT}. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-08T12:00:00Z"), ZoneOffset.UTC);

  private CrashRememberMain() {}

  public static void main(String[] args) {
    Engram engram = Engram.builder().dataDirectory(Path.of(args[0])).clock(CLOCK).build();
    Memories memories = engram.memories();
    Scope scope = Scope.ofUser("crash").withSession("s");
    for (int i = 0; ; i++) {
      RememberResult r = memories.remember(scope,
          List.of(Message.user("I visited museum number " + i + " today.")));
      System.out.println("ack " + r.messageIds().getFirst());
      System.out.flush();
    }
  }
}
