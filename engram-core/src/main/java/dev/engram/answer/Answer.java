package dev.engram.answer;

import dev.engram.common.Checks;
import dev.engram.context.Citation;
import dev.engram.context.Context;
import dev.engram.context.RouteDecision;
import java.util.List;

/**
 * An answer to one question.
 *
 * @param question the question
 * @param text the answer, with [n] citations numbered as {@code citations} are: [1], [2], ... in
 *     order of first use (the context numbers them otherwise, for the prompt)
 * @param generated true when a chat model wrote it; false for an extractive answer (the best
 *     supporting sentences of the context, generation off)
 * @param citations the citations the text actually uses, in order of first use, numbered from 1
 *     as the text cites them; {@link Context#citations()} keeps the context's numbers
 * @param memoriesUsed the citations among them that come from memory (memories and messages)
 * @param context the context it was answered from (route, sections, every citation, what was cut)
 * @param tokens token counts
 * @param timings wall times in milliseconds
 * @param rememberedIds ids of the messages stored as a turn: question and answer (the answer
 *     without its [n] marks), the question alone when answers are not remembered, none read-only
 */
public record Answer(
    String question, String text, boolean generated, List<Citation> citations,
    List<Citation> memoriesUsed, Context context, Tokens tokens, Timings timings,
    List<String> rememberedIds) {

  public Answer {
    Checks.notNull(question, "question");
    Checks.notNull(text, "text");
    citations = List.copyOf(citations);
    memoriesUsed = List.copyOf(memoriesUsed);
    Checks.notNull(context, "context");
    Checks.notNull(tokens, "tokens");
    Checks.notNull(timings, "timings");
    rememberedIds = List.copyOf(rememberedIds);
  }

  /** The router's decision for the question. */
  public RouteDecision route() {
    return context.route();
  }

  /**
   * Token counts.
   *
   * @param context tokens of the rendered context (cl100k_base)
   * @param prompt tokens the model was sent (as the server reported, else counted)
   * @param completion tokens of the answer (as the server reported, else counted)
   */
  public record Tokens(int context, int prompt, int completion) {}

  /**
   * Wall times in milliseconds.
   *
   * @param context routing, search, recall and assembly
   * @param generation the model call (0 for an extractive answer)
   * @param remember storing the turn
   */
  public record Timings(long context, long generation, long remember) {}
}
