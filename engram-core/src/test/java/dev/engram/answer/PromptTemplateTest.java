package dev.engram.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import dev.engram.chat.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTemplateTest {
  @TempDir Path tmp;

  @Test
  void should_split_system_and_user_parts_when_the_default_template_is_rendered() {
    List<ChatMessage> messages = PromptTemplate.defaults().render("[1] The hub resets.", "How?", "maya");

    assertThat(messages).extracting(ChatMessage::role)
        .containsExactly(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER);
    assertThat(messages.get(0).content()).contains("[n]".replace("n", "1")).contains("does not contain")
        .doesNotContain("{{");
    assertThat(messages.get(1).content()).contains("User: maya").contains("[1] The hub resets.")
        .endsWith("Question: How?");
  }

  @Test
  void should_use_the_file_as_one_user_message_when_it_has_no_separator() throws Exception {
    Path file = tmp.resolve("prompt.txt");
    Files.writeString(file, "Facts: {{context}}\nQ: {{question}} (for {{user}})");

    List<ChatMessage> messages = PromptTemplate.load(file).render("", "Why?", "ann");

    assertThat(messages).singleElement().extracting(ChatMessage::content)
        .isEqualTo("Facts: (nothing relevant was found)\nQ: Why? (for ann)");
  }

  @Test
  void should_refuse_clearly_when_the_template_is_missing_or_has_no_question() {
    assertThatThrownBy(() -> new PromptTemplate("Context: {{context}}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("{{question}}");
    assertThatThrownBy(() -> PromptTemplate.load(tmp.resolve("missing.txt")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.txt");
  }
}
