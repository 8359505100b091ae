package dev.engram.eval.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TokenF1Test {

  @Test
  void should_normalise_case_punctuation_and_articles_like_squad() {
    assertThat(TokenF1.normalize("The  Eiffel Tower, in Paris!")).isEqualTo("eiffel tower in paris");
    assertThat(TokenF1.normalize("An apple a day")).isEqualTo("apple day");
  }

  @Test
  void should_score_one_when_answers_match_after_normalisation() {
    assertThat(TokenF1.score("7 May, 2023.", "7 may 2023")).isEqualTo(1.0);
  }

  @Test
  void should_score_the_harmonic_mean_of_precision_and_recall_when_tokens_partly_overlap() {
    // generated: [caroline, went, to, paris] ; gold: [paris]: precision 1/4, recall 1
    assertThat(TokenF1.score("Caroline went to Paris", "Paris")).isCloseTo(0.4, within(1e-9));
    // shared tokens count with multiplicity: generated [new, new, york], gold [new, york]
    assertThat(TokenF1.score("new new york", "new york")).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void should_score_zero_when_nothing_is_shared_or_one_side_is_empty() {
    assertThat(TokenF1.score("Berlin", "Paris")).isZero();
    assertThat(TokenF1.score("", "Paris")).isZero();
    assertThat(TokenF1.score("the", "a")).isEqualTo(1.0);
  }
}
