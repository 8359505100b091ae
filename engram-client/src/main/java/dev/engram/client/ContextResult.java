package dev.engram.client;

import java.util.List;

/**
 * The context for a question: the route ({@code facts}, {@code context} or {@code both}) and why,
 * its sections, the rendered text, the citations and the tokens used of the budget.
 */
public record ContextResult(String question, String route, String reason, List<Section> sections,
    String text, List<Citation> citations, int tokensUsed, int budgetTokens) {
  /** One section of the context: its kind, its lines and their tokens. */
  public record Section(String kind, List<String> lines, int tokens) {}
}
