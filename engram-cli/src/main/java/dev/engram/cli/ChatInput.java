package dev.engram.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Where the chat reads the user's lines: a JLine line editor with history on a terminal, else
 * plain lines of the input stream (a pipe, a file, a test) until end of input.
 */
sealed interface ChatInput extends AutoCloseable {

  /** The next line, or empty at end of input (Ctrl-D, Ctrl-C at the prompt, EOF). */
  Optional<String> next(String prompt);

  /** Ends the input; on a terminal, restores the terminal as it was before the chat. Idempotent. */
  @Override
  void close();

  /** JLine when {@code in} is the standard input of an interactive terminal, else plain lines. */
  static ChatInput open(InputStream in, PrintWriter out, Path history) {
    return open(in, out, Optional.of(history));
  }

  /** As {@link #open(InputStream, PrintWriter, Path)}; with no history file, lines are recalled in this chat only. */
  static ChatInput open(InputStream in, PrintWriter out, Optional<Path> history) {
    if (in == System.in && System.console() != null && System.console().isTerminal()) {
      try {
        return Editor.on(TerminalBuilder.builder().system(true).build(), history);
      } catch (IOException e) {
        out.println("(no line editing: " + e.getMessage() + ")");
      }
    }
    return new Plain(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out);
  }

  /**
   * A terminal with line editing and history. JLine puts the terminal in raw mode while it reads
   * a line and restores it when the line ends, however it ends; {@link #close} restores the
   * attributes the terminal had when the chat began and closes it, even when the history cannot
   * be saved. A JVM that exits on a signal (Ctrl-C while an answer streams, SIGTERM) restores it
   * through JLine's shutdown hook on the system terminal.
   */
  final class Editor implements ChatInput {
    private final Terminal terminal;
    private final LineReader reader;
    private final Attributes original;
    private boolean closed;

    private Editor(Terminal terminal, LineReader reader) {
      this.terminal = terminal;
      this.reader = reader;
      this.original = terminal.getAttributes();
    }

    /** An editor on {@code terminal}, which it owns (and closes) from now on, even if this fails. */
    static Editor on(Terminal terminal, Path history) {
      return on(terminal, Optional.of(history));
    }

    /** An editor whose history stays in memory when there is no file. */
    static Editor on(Terminal terminal, Optional<Path> history) {
      try {
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("engram");
        history.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        return new Editor(terminal, builder.build());
      } catch (RuntimeException e) {
        try {
          terminal.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    @Override
    public Optional<String> next(String prompt) {
      try {
        return Optional.of(reader.readLine(prompt));
      } catch (UserInterruptException | EndOfFileException e) {
        return Optional.empty();
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try (terminal) {
        terminal.setAttributes(original);
        reader.getHistory().save();
      } catch (IOException e) {
        // the chat is over; a history that cannot be saved is not worth an error
      }
    }
  }

  /** Lines of a stream; the prompt is printed so a transcript reads like a conversation. */
  record Plain(BufferedReader lines, PrintWriter out) implements ChatInput {
    @Override
    public Optional<String> next(String prompt) {
      out.print(prompt);
      out.flush();
      try {
        Optional<String> line = Optional.ofNullable(lines.readLine());
        out.println(line.orElse(""));
        return line;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the chat input", e);
      }
    }

    @Override
    public void close() {
      // the stream belongs to the caller
    }
  }
}
