package dev.engram.bridge;

import java.util.List;
import java.util.Objects;

/**
 * Engram's context for a question: the route it took ({@code facts}, {@code context} or {@code
 * both}), the rendered text with numbered citations, and the citations.
 */
public record Blend(String route, String text, List<Cited> citations) {
  public Blend {
    Objects.requireNonNull(text, "text");
    citations = List.copyOf(citations);
  }

  /** A numbered citation: {@code document}, {@code memory} or {@code message}, its id, title and text. */
  public record Cited(int number, String kind, String id, String title, String text) {}
}
