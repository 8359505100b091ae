package dev.engram.cli;

/**
 * Makes text from files and indexes safe to print for people: control characters (ESC, newline,
 * carriage return, tab, ...) and invisible format characters (bidirectional overrides) are shown
 * escaped, as {@code \u001b} or {@code \n}, so a file name or text cannot rewrite the terminal.
 * Plain spaces stay; {@code --json} output does not go through here and stays exact.
 */
final class TerminalText {
  private TerminalText() {}

  /** {@code text} with every control and format character escaped. */
  static String escape(String text) {
    return escape(text, false);
  }

  /** {@code text} with its line breaks kept and every other control and format character escaped. */
  static String escapeKeepingLines(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean keepLines) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean unsafe = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || c == '\u2028' || c == '\u2029';
      if (unsafe && !(keepLines && c == '\n')) {
        if (b == null) b = new StringBuilder(text.length() + 16).append(text, 0, i);
        b.append(switch (c) {
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          default -> String.format("\\u%04x", (int) c);
        });
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? text : b.toString();
  }
}
