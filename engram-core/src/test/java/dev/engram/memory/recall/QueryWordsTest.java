package dev.engram.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryWordsTest {
  @Test
  void should_drop_question_words_when_making_the_text_query() {
    assertThat(QueryWords.forText("When did Melanie paint a sunrise?")).isEqualTo("Melanie paint a sunrise");
    assertThat(QueryWords.forText("What do Melanie's kids like?")).isEqualTo("Melanie's kids like");
  }

  @Test
  void should_keep_the_query_when_only_question_words_are_left() {
    assertThat(QueryWords.forText("What did he do?")).isEqualTo("What did he do?");
  }

  @Test
  void should_find_names_without_possessives_when_the_query_names_people() {
    assertThat(QueryWords.names("What does Melanie think about Caroline's decision?"))
        .contains("melanie", "caroline");
  }
}
