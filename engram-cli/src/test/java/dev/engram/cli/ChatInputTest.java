package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat's line editor on JLine's virtual terminal (a line discipline over in-memory streams:
 * keys in, screen out, attributes kept after close): raw mode while a line is read, the terminal
 * as it was after every way a chat ends.
 */
class ChatInputTest {
  private static final String PROMPT = "you> ";

  @TempDir Path tmp;

  private PipedOutputStream keys;
  private ByteArrayOutputStream screen;
  private Terminal terminal;
  private String before;
  private final AtomicBoolean terminalClosed = new AtomicBoolean();

  @BeforeEach
  void openTerminal() throws IOException {
    keys = new PipedOutputStream();
    screen = new ByteArrayOutputStream();
    ExternalTerminal external = new ExternalTerminal("chat", "xterm", new PipedInputStream(keys), screen,
        StandardCharsets.UTF_8);
    external.setSize(new Size(80, 24));
    external.setOnClose(() -> terminalClosed.set(true));
    terminal = external;
    before = terminal.getAttributes().toString();
    assertThat(terminal.getAttributes().getLocalFlag(LocalFlag.ICANON)).isTrue();
  }

  @AfterEach
  void closeTerminal() throws IOException {
    terminal.close();
  }

  @Test
  void should_restore_the_terminal_when_the_user_presses_ctrl_d() throws Exception {
    try (ChatInput input = ChatInput.Editor.on(terminal, tmp.resolve("history"))) {
      assertThat(readWhileTyping(input, "\u0004")).isEmpty();
      assertThat(terminal.getAttributes().toString()).isEqualTo(before);
    }
    assertRestoredAndClosed();
  }

  @Test
  void should_restore_the_terminal_when_the_user_presses_ctrl_c() throws Exception {
    try (ChatInput input = ChatInput.Editor.on(terminal, tmp.resolve("history"))) {
      assertThat(readWhileTyping(input, "half a quest\u0003")).isEmpty();
      assertThat(terminal.getAttributes().toString()).isEqualTo(before);
    }
    assertRestoredAndClosed();
  }

  @Test
  void should_restore_the_terminal_when_the_input_ends() throws Exception {
    try (ChatInput input = ChatInput.Editor.on(terminal, tmp.resolve("history"))) {
      assertThat(readWhileTyping(input, "hello\r")).contains("hello");
      assertThat(readWhileTyping(input, null)).isEmpty();
    }
    assertRestoredAndClosed();
    assertThat(Files.readString(tmp.resolve("history"))).contains("hello");
  }

  @Test
  void should_restore_the_terminal_when_the_chat_fails_while_it_is_raw() {
    assertThatThrownBy(() -> {
      try (ChatInput input = ChatInput.Editor.on(terminal, tmp.resolve("history"))) {
        terminal.enterRawMode();
        throw new IllegalStateException("the turn failed");
      }
    }).hasMessage("the turn failed");
    assertRestoredAndClosed();
  }

  @Test
  void should_restore_and_close_the_terminal_when_the_history_cannot_be_saved() throws Exception {
    Path history = tmp.resolve("history");
    try (ChatInput input = ChatInput.Editor.on(terminal, history)) {
      assertThat(readWhileTyping(input, "hello\r")).contains("hello");
      Files.delete(history);
      Files.createDirectory(history);
      terminal.enterRawMode();
    }
    assertRestoredAndClosed();
  }

  /**
   * Reads a line while a user types {@code typed} once the prompt shows (null: ends the input),
   * checking that the terminal is raw meanwhile.
   */
  private Optional<String> readWhileTyping(ChatInput input, String typed) throws Exception {
    int shown = prompts();
    CompletableFuture<Optional<String>> line = CompletableFuture.supplyAsync(() -> input.next(PROMPT));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!line.isDone() && (prompts() == shown || terminal.getAttributes().getLocalFlag(LocalFlag.ICANON))) {
      assertThat(Instant.now()).as("the prompt shows and the terminal turns raw").isBefore(deadline);
      Thread.sleep(10);
    }
    assertThat(terminal.getAttributes().getLocalFlag(LocalFlag.ECHO)).as("raw while reading").isFalse();
    if (typed == null) {
      keys.close();
    } else {
      keys.write(typed.getBytes(StandardCharsets.UTF_8));
      keys.flush();
    }
    return line.get(10, TimeUnit.SECONDS);
  }

  private int prompts() {
    return screen.toString(StandardCharsets.UTF_8).split(PROMPT, -1).length - 1;
  }

  private void assertRestoredAndClosed() {
    assertThat(terminal.getAttributes().toString()).isEqualTo(before);
    assertThat(terminalClosed).isTrue();
  }
}
