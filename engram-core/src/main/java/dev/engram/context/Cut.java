package dev.engram.context;

import dev.engram.common.Checks;

/**
 * An item left out of a context, and why: over the token budget, or a near-duplicate.
 *
 * @param section where it would have gone
 * @param label a short description (title, memory id, first words)
 * @param tokens the tokens it would have taken
 * @param reason why it was left out
 */
public record Cut(SectionKind section, String label, int tokens, String reason) {
  public Cut {
    Checks.notNull(section, "section");
    Checks.notNull(label, "label");
    Checks.notBlank(reason, "reason");
  }
}
