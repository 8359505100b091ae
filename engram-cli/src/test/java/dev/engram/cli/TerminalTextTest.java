package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Control characters shown escaped in output for people. */
class TerminalTextTest {
  @Test
  void should_escape_control_characters_when_printing_for_people() {
    assertThat(TerminalText.escape("a\u001b[2Jb\nc\td\re\u202e f"))
        .isEqualTo("a\\u001b[2Jb\\nc\\td\\re\\u202e f");
  }

  @Test
  void should_keep_text_as_is_when_it_has_no_control_character() {
    String plain = "Lighthouse Guide — café (doc 1)";
    assertThat(TerminalText.escape(plain)).isSameAs(plain);
  }

  @Test
  void should_keep_line_breaks_when_asked_to() {
    assertThat(TerminalText.escapeKeepingLines("one\ntwo\u001b[31m")).isEqualTo("one\ntwo\\u001b[31m");
  }
}
