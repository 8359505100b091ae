package dev.engram.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a document's plain text from a walk over a structured source (markdown AST, HTML DOM):
 * collapses whitespace between inline runs, separates blocks by a blank line, and records a
 * {@link Section} from each heading to the next.
 */
final class TextAssembler {
  private final StringBuilder out = new StringBuilder();
  private final List<Section> sections = new ArrayList<>();
  private final List<String> headings = new ArrayList<>();
  private final List<Integer> levels = new ArrayList<>();
  private int sectionStart = -1;
  private String firstHeading = "";

  /** Appends inline text; runs of whitespace become one space, none at the start of a line. */
  void inline(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        if (!out.isEmpty() && !endsWithWhitespace()) {
          out.append(' ');
        }
      } else {
        out.append(c);
      }
    }
  }

  /** Appends text verbatim (code blocks, preformatted text), trailing newlines dropped. */
  void verbatim(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    out.append(text, 0, end);
  }

  /** Ends the current line: what follows starts on a new line. */
  void lineBreak() {
    trimTrailingSpaces();
    if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }

  /** Ends the current block: what follows starts after a blank line. */
  void blockBreak() {
    lineBreak();
    if (!out.isEmpty() && !(out.length() >= 2 && out.charAt(out.length() - 2) == '\n')) {
      out.append('\n');
    }
  }

  /** Starts a section under a heading of the given level (1 = top) whose text is appended. */
  void heading(int level, String text) {
    String title = text.strip().replaceAll("\\s+", " ");
    if (title.isEmpty()) {
      return;
    }
    blockBreak();
    closeSection();
    while (!levels.isEmpty() && levels.getLast() >= level) {
      levels.removeLast();
      headings.removeLast();
    }
    levels.add(level);
    headings.add(title);
    if (firstHeading.isEmpty()) {
      firstHeading = title;
    }
    sectionStart = out.length();
    out.append(title);
    blockBreak();
  }

  /** The first heading seen, or empty. */
  String firstHeading() {
    return firstHeading;
  }

  /** The assembled text, trailing whitespace removed. */
  String text() {
    trimTrailingWhitespace();
    return out.toString();
  }

  /** The sections, the last one closed at the end of {@link #text()}. */
  List<Section> sections() {
    trimTrailingWhitespace();
    closeSection();
    return List.copyOf(sections);
  }

  private void closeSection() {
    if (sectionStart >= 0) {
      sections.add(new Section(sectionStart, out.length(), headings));
      sectionStart = -1;
    }
  }

  private boolean endsWithWhitespace() {
    return Character.isWhitespace(out.charAt(out.length() - 1));
  }

  private void trimTrailingSpaces() {
    while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
      out.setLength(out.length() - 1);
    }
  }

  private void trimTrailingWhitespace() {
    while (!out.isEmpty() && Character.isWhitespace(out.charAt(out.length() - 1))) {
      out.setLength(out.length() - 1);
    }
  }
}
