package dev.engram.memory.llm;

import dev.engram.common.Checks;
import dev.engram.common.ModelException;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatRequest;
import dev.engram.chat.ChatResponse;
import dev.engram.memory.consolidate.Consolidator;
import dev.engram.memory.consolidate.RuleConsolidator;
import dev.engram.memory.consolidate.Similar;
import dev.engram.memory.consolidate.Verdict;
import dev.engram.memory.extract.Candidate;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Decides with a chat model what a candidate does to the most similar live memories: ADD, UPDATE,
 * SUPERSEDE or NOOP, as Mem0 does. The memories are shown numbered (1 = most similar) rather than
 * by id, so the model cannot garble an id; a reply that names no shown memory, or is malformed,
 * cut off, or invalid, or an endpoint failure, falls back to the {@link RuleConsolidator}, counted
 * and logged. With no similar memory the candidate is added without a call.
 */
public final class LlmConsolidator implements Consolidator {
  private static final Logger LOG = System.getLogger(LlmConsolidator.class.getName());
  private static final int MAX_TOKENS = 512;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH);
  private static final String SYSTEM = """
      You keep a personal assistant's long-term memory consistent. Compare a new statement with \
      the known memories it resembles and choose one action:
      - ADD: it is new information (or about a different thing than every known memory).
      - UPDATE: it is the same fact as a known memory and adds detail; give the merged statement \
      as "text".
      - SUPERSEDE: it contradicts a known memory because things changed (moved house, new job, \
      changed mind); the known memory stops being true and stays in the history.
      - NOOP: a known memory already says it.
      Never pick a memory about a different person, thing or date as target.
      Answer with one JSON object and nothing else:
      {"action":"ADD|UPDATE|SUPERSEDE|NOOP","target":number of the known memory or null for ADD,\
      "text":"merged statement for UPDATE, else null","reason":"one short sentence"}""";

  private final ChatModel model;
  private final ZoneId zone;
  private final Fallbacks fallbacks;
  private final RuleConsolidator rules = new RuleConsolidator();

  /** A consolidator printing dates in {@code zone} and counting into {@code fallbacks}. */
  public LlmConsolidator(ChatModel model, ZoneId zone, Fallbacks fallbacks) {
    this.model = Checks.notNull(model, "model");
    this.zone = Checks.notNull(zone, "zone");
    this.fallbacks = Checks.notNull(fallbacks, "fallbacks");
  }

  @Override
  public Verdict decide(Candidate candidate, List<Similar> similar) {
    if (similar.isEmpty()) {
      return Verdict.add(candidate.text(), "new: no similar memory");
    }
    fallbacks.consolidationCall();
    try {
      ChatResponse reply = model.chat(
          ChatRequest.of(SYSTEM, prompt(candidate, similar)).withTemperature(0)
              .withMaxTokens(MAX_TOKENS).withJsonMode());
      if (reply.truncatedByLimit()) {
        throw InvalidReply.of("cut off at the token limit (finish reason 'length')");
      }
      return ConsolidationReply.verdict(reply.text(), candidate, similar);
    } catch (ModelException e) {
      fallbacks.consolidationFallback();
      LOG.log(Level.WARNING, "LLM consolidation fell back to the rules: {0}", e.toString());
      return rules.decide(candidate, similar);
    }
  }

  private String prompt(Candidate candidate, List<Similar> similar) {
    StringBuilder s = new StringBuilder("Known memories:\n");
    for (int i = 0; i < similar.size(); i++) {
      var m = similar.get(i).memory();
      s.append(i + 1).append(". [").append(m.kind().label()).append(", ")
          .append(DAY.format(m.eventTime().atZone(zone))).append("] ").append(m.text()).append('\n');
    }
    s.append("\nNew statement: [").append(candidate.kind().label()).append(", ")
        .append(DAY.format(candidate.eventTime().atZone(zone))).append("] ")
        .append(candidate.text()).append('\n');
    return s.toString();
  }
}
