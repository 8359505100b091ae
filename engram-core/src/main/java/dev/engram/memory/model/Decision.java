package dev.engram.memory.model;

import dev.engram.common.Checks;
import java.util.Optional;

/**
 * What remember decided for one extracted candidate.
 *
 * @param action ADD, UPDATE, SUPERSEDE or NOOP
 * @param memoryId the memory written (the new one for ADD and SUPERSEDE, the existing one for
 *     UPDATE and NOOP)
 * @param kind the candidate's kind
 * @param text the candidate's text
 * @param replacedId for SUPERSEDE, the memory that was closed
 * @param reason why
 */
public record Decision(
    Action action,
    String memoryId,
    MemoryKind kind,
    String text,
    Optional<String> replacedId,
    String reason) {
  public Decision {
    Checks.notNull(action, "action");
    Checks.notBlank(memoryId, "memoryId");
    Checks.notNull(kind, "kind");
    Checks.notNull(text, "text");
    Checks.notNull(replacedId, "replacedId");
    Checks.notBlank(reason, "reason");
  }
}
