package dev.engram.memory.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Memory;
import dev.engram.memory.consolidate.Similar;
import dev.engram.memory.consolidate.Verdict;
import dev.engram.memory.extract.Candidate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a consolidation reply ({@code {"action","target","text","reason"}}) into a verdict,
 * strictly: the action must be ADD, UPDATE, SUPERSEDE or NOOP, ADD takes no target and the others
 * name one of the memories shown (by the number it was shown with, 1 being the most similar).
 */
final class ConsolidationReply {
  private static final int MAX_REASON = 500;

  private ConsolidationReply() {}

  static Verdict verdict(String reply, Candidate candidate, List<Similar> similar) {
    JsonNode root = ReplyJson.object(reply);
    String label = ReplyJson.text(root, "action", 20, "the decision").toUpperCase(Locale.ROOT);
    Action action = switch (label) {
      case "ADD" -> Action.ADD;
      case "UPDATE" -> Action.UPDATE;
      case "SUPERSEDE" -> Action.SUPERSEDE;
      case "NOOP" -> Action.NOOP;
      default -> throw InvalidReply.of(
          "action '" + label + "' is not one of ADD, UPDATE, SUPERSEDE, NOOP");
    };
    String reason = "model: " + ReplyJson.text(root, "reason", MAX_REASON, "the decision");
    Optional<Memory> target = target(root.get("target"), similar);
    if (action == Action.ADD) {
      if (target.isPresent()) {
        throw InvalidReply.of("ADD takes no target, but the reply names one");
      }
      return Verdict.add(candidate.text(), reason);
    }
    Memory known = target.orElseThrow(() -> InvalidReply.of(action + " needs a 'target'"));
    return switch (action) {
      case NOOP -> Verdict.of(action, known.id(), known.text(), reason);
      case UPDATE -> Verdict.of(action, known.id(), updatedText(root, candidate), reason);
      default -> Verdict.of(action, known.id(), candidate.text(), reason);
    };
  }

  /** The merged text of an UPDATE, when the model wrote one; the candidate's otherwise. */
  private static String updatedText(JsonNode root, Candidate candidate) {
    JsonNode text = root.get("text");
    if (text == null || text.isNull()) {
      return candidate.text();
    }
    return ReplyJson.text(root, "text", ExtractionReply.MAX_TEXT, "the UPDATE");
  }

  private static Optional<Memory> target(JsonNode value, List<Similar> similar) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    String raw = value.isTextual() || value.isIntegralNumber() ? value.asText().strip() : "";
    if (!raw.matches("\\d{1,3}")) {
      throw InvalidReply.of("target " + value + " is not a memory number");
    }
    int n = Integer.parseInt(raw);
    if (n < 1 || n > similar.size()) {
      throw InvalidReply.of("target " + n + " is not among the memories shown (1 to "
          + similar.size() + ")");
    }
    return Optional.of(similar.get(n - 1).memory());
  }
}
