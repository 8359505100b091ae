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
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Where the chat reads the user's lines: a JLine line editor with history on a terminal, else
 * plain lines of the input stream (a pipe, a file, a test) until end of input.
 */
sealed interface ChatInput extends AutoCloseable {

  /** The next line, or empty at end of input (Ctrl-D, EOF). */
  Optional<String> next(String prompt);

  @Override
  void close();

  /** JLine when {@code in} is the standard input of an interactive terminal, else plain lines. */
  static ChatInput open(InputStream in, PrintWriter out, Path history) {
    if (in == System.in && System.console() != null && System.console().isTerminal()) {
      try {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("engram")
            .variable(LineReader.HISTORY_FILE, history).build();
        return new Editor(terminal, reader);
      } catch (IOException e) {
        out.println("(no line editing: " + e.getMessage() + ")");
      }
    }
    return new Plain(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out);
  }

  /** A terminal with line editing and history. */
  record Editor(Terminal terminal, LineReader reader) implements ChatInput {
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
      try {
        reader.getHistory().save();
        terminal.close();
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
