package dev.engram.context;

import dev.engram.common.Checks;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an LLM needs to answer one question, assembled within a token budget: the route taken and
 * why, the sections (knowledge passages, memories, session summary, recent turns), the citations
 * their [n] numbers point at, the tokens each section uses and what was cut. Applications that
 * bring their own LLM put {@link #render()} into their prompt.
 *
 * @param question the question it was assembled for
 * @param route the router's decision
 * @param sections the non-empty sections, in rendering order
 * @param citations the citations, numbered from 1 in rendering order
 * @param cut what was left out and why
 * @param budget the token budget it was assembled within (cl100k_base tokens)
 */
public record Context(
    String question, RouteDecision route, List<ContextSection> sections, List<Citation> citations,
    List<Cut> cut, int budget) {

  public Context {
    Checks.notNull(question, "question");
    Checks.notNull(route, "route");
    sections = List.copyOf(sections);
    citations = List.copyOf(citations);
    cut = List.copyOf(cut);
    Checks.atLeast(budget, 1, "budget");
  }

  /** The tokens all sections use together. */
  public int tokensUsed() {
    return sections.stream().mapToInt(ContextSection::tokens).sum();
  }

  /** The tokens one section uses; 0 when it is absent. */
  public int tokens(SectionKind kind) {
    return section(kind).map(ContextSection::tokens).orElse(0);
  }

  /** The section of this kind, when it has any item. */
  public Optional<ContextSection> section(SectionKind kind) {
    return sections.stream().filter(s -> s.kind() == kind).findFirst();
  }

  /** The citation numbered {@code n}. */
  public Optional<Citation> citation(int n) {
    return n >= 1 && n <= citations.size() ? Optional.of(citations.get(n - 1)) : Optional.empty();
  }

  /** True when nothing at all was found for the question. */
  public boolean isEmpty() {
    return sections.isEmpty();
  }

  /** The context as prompt text: one block per section, empty text when nothing was found. */
  public String render() {
    return sections.stream().map(ContextSection::render).collect(Collectors.joining("\n"));
  }
}
