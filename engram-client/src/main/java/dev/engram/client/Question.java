package dev.engram.client;

import java.util.List;

/**
 * A question for the blend ({@code /v1/context} and {@code /v1/answer}): whose memory, the
 * question, the token budget (0: the server's) and the knowledge bases (empty: the default one).
 */
public record Question(Owner owner, String question, int budgetTokens, List<String> kbs) {
  public Question {
    Checks.notNull(owner, "owner");
    Checks.notBlank(question, "question");
    if (budgetTokens < 0) {
      throw new IllegalArgumentException("budgetTokens must be >= 0, got: " + budgetTokens);
    }
    kbs = List.copyOf(kbs);
  }

  public static Question of(Owner owner, String question) {
    return new Question(owner, question, 0, List.of());
  }

  public Question withBudget(int tokens) {
    return new Question(owner, question, tokens, kbs);
  }

  public Question inKbs(List<String> newKbs) {
    return new Question(owner, question, budgetTokens, newKbs);
  }
}
