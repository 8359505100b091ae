package dev.engram.memory.consolidate;

import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.memory.model.Action;
import java.util.Optional;

/**
 * A consolidation decision: the action, the existing memory it applies to (for UPDATE, SUPERSEDE
 * and NOOP), the text to store (for ADD, UPDATE, SUPERSEDE) and the reason, in words.
 */
public record Verdict(Action action, Optional<String> targetId, String text, String reason) {
  public Verdict {
    Checks.notNull(action, "action");
    Checks.notNull(targetId, "targetId");
    Checks.notNull(text, "text");
    Checks.notBlank(reason, "reason");
    boolean needsTarget = action != Action.ADD;
    if (needsTarget != targetId.isPresent() || action == Action.EDIT || action == Action.FORGET) {
      throw new InvalidInputException(
          "ENGRAM-310", "a " + action + " verdict " + (needsTarget ? "needs" : "takes no") + " target");
    }
  }

  public static Verdict add(String text, String reason) {
    return new Verdict(Action.ADD, Optional.empty(), text, reason);
  }

  public static Verdict of(Action action, String targetId, String text, String reason) {
    return new Verdict(action, Optional.of(targetId), text, reason);
  }
}
