package dev.engram.memory.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.retrieval.SearchRequest;
import org.junit.jupiter.api.Test;

/** The limits of a recall query, the same as a search's. */
class RecallQueryTest {
  @Test
  void should_refuse_with_engram_402_when_the_query_is_over_the_search_limit() {
    String tooLong = "a".repeat(SearchRequest.MAX_QUERY_CHARS + 1);

    assertThatThrownBy(() -> RecallQuery.of(Scope.ofUser("ann"), tooLong))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("4001 characters")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-402");
  }

  @Test
  void should_accept_the_query_when_it_is_at_the_search_limit() {
    String longest = "a".repeat(SearchRequest.MAX_QUERY_CHARS);

    assertThat(RecallQuery.of(Scope.ofUser("ann"), longest).query()).hasSize(SearchRequest.MAX_QUERY_CHARS);
  }
}
