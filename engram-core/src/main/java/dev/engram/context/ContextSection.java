package dev.engram.context;

import dev.engram.common.Checks;
import java.util.List;

/**
 * One section of a context: its kind, its lines (each an item, citations included as "[n] ") and
 * the tokens it takes when rendered, heading included.
 */
public record ContextSection(SectionKind kind, List<String> lines, int tokens) {
  public ContextSection {
    Checks.notNull(kind, "kind");
    lines = List.copyOf(lines);
    Checks.atLeast(tokens, 0, "tokens");
  }

  /** The section as prompt text: a heading, then one item per line. */
  public String render() {
    return "## " + kind.title() + "\n" + String.join("\n", lines) + "\n";
  }
}
