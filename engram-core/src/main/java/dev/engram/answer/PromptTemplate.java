package dev.engram.answer;

import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.chat.ChatMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a context and a question into chat messages. A template is plain text with the
 * placeholders {@code {{context}}}, {@code {{question}}} and {@code {{user}}}; a line holding only
 * {@code ---} separates the system message (above) from the user message (below). Without that
 * line the whole text is the user message.
 */
public record PromptTemplate(String text) {
  /** The line that separates the system part from the user part. */
  public static final String SEPARATOR = "---";

  public static final String DEFAULT = """
      You are a helpful assistant. Answer the question using only the context below, which holds \
      passages from documents and what is known about the user.
      - Cite every statement you take from the context with its number in brackets, like [1] or \
      [2][3]. Never invent citation numbers.
      - Respect what is known about the user (their preferences, facts about them, the recent \
      conversation) and prefer the most recent information when facts changed.
      - If the context does not contain the answer, say that it does not, in one sentence, and do \
      not guess.
      ---
      User: {{user}}

      Context:
      {{context}}

      Question: {{question}}""";

  public PromptTemplate {
    Checks.notNull(text, "text");
    if (!text.contains("{{question}}")) {
      throw new InvalidInputException("ENGRAM-610",
          "the prompt template has no {{question}} placeholder: add it where the question goes"
              + " (placeholders: {{context}}, {{question}}, {{user}})");
    }
  }

  /** The built-in template. */
  public static PromptTemplate defaults() {
    return new PromptTemplate(DEFAULT);
  }

  /**
   * The template in a UTF-8 file.
   *
   * @throws InvalidInputException ENGRAM-611 when the file cannot be read
   */
  public static PromptTemplate load(Path file) {
    try {
      return new PromptTemplate(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InvalidInputException("ENGRAM-611",
          "cannot read the prompt template " + file + " (" + e.getMessage()
              + "): give a readable UTF-8 text file");
    }
  }

  /** The messages for a model: system instructions (if any) and the user message. */
  public List<ChatMessage> render(String context, String question, String user) {
    String filled = text
        .replace("{{context}}", context.isBlank() ? "(nothing relevant was found)" : context.strip())
        .replace("{{user}}", user)
        .replace("{{question}}", question);
    List<ChatMessage> messages = new ArrayList<>();
    int cut = separatorAt(filled);
    if (cut >= 0) {
      messages.add(ChatMessage.system(filled.substring(0, cut).strip()));
      filled = filled.substring(cut + SEPARATOR.length());
    }
    messages.add(ChatMessage.user(filled.strip()));
    return messages;
  }

  private static int separatorAt(String s) {
    int from = 0;
    for (String line : s.split("\n", -1)) {
      if (line.strip().equals(SEPARATOR)) {
        return from + line.indexOf(SEPARATOR);
      }
      from += line.length() + 1;
    }
    return -1;
  }
}
