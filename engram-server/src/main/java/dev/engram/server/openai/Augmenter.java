package dev.engram.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.context.Cl100k;
import dev.engram.context.Context;
import dev.engram.context.ContextOptions;
import dev.engram.server.http.Json;
import java.util.Optional;

/**
 * Assembles the context for a chat request and wraps it as one system message. The question is
 * the last user message; the budget is the engine's, shrunk to what the model's window leaves
 * after the conversation (and its tools) and the reply. The assembler fits whole entries only, so
 * no passage or memory is cut mid-citation.
 */
final class Augmenter {
  /**
   * Tokens kept for the reply when the request sets no limit. Not measured: about a page of
   * text, the length of a typical chat answer with room to spare.
   */
  static final int DEFAULT_REPLY_TOKENS = 1_024;
  /** Longest question the retriever takes (ENGRAM-402 beyond); a longer message keeps its end. */
  private static final int MAX_QUESTION_CHARS = 4_000;
  /** The smallest budget a context can be assembled in (ContextOptions' floor). */
  private static final int MIN_BUDGET = 50;
  static final String PREAMBLE = "Engram context: passages from the knowledge base and what is"
      + " remembered about the user. Use it when it helps answer, cite it as [n], and ignore it"
      + " when it does not apply.\n\n";

  private final Engram engram;
  private final int windowTokens;

  Augmenter(Engram engram, int windowTokens) {
    this.engram = engram;
    this.windowTokens = windowTokens;
  }

  /**
   * The tokens of the messages array, counted message by message: a chat client sends its whole
   * conversation with every request, so all but the newest messages are counts the counter
   * remembers from the requests before (counting the array whole cost each request time in
   * proportion to the conversation's length). One token per bracket and comma between them keeps
   * the sum from falling below the array counted whole.
   */
  private static int messageTokens(Cl100k counter, JsonNode messages) {
    int tokens = messages.size() + 1;
    for (JsonNode message : messages) {
      tokens += counter.count(message.toString());
    }
    return tokens;
  }

  Augmentation augment(ChatCall call, Scope scope) {
    if (call.lastUser().isEmpty()) {
      return Augmentation.skipped("no user message");
    }
    String question = call.text(call.lastUser().getAsInt()).strip();
    if (question.isEmpty()) {
      return Augmentation.skipped("the user message has no text");
    }
    if (question.length() > MAX_QUESTION_CHARS) {
      question = question.substring(question.length() - MAX_QUESTION_CHARS);
    }
    ContextOptions defaults = engram.settings().context();
    Cl100k counter = engram.tokenCounter();
    int conversation = messageTokens(counter, call.root().path("messages"))
        + counter.count(call.root().path("tools").toString()) + counter.count(PREAMBLE);
    int room = windowTokens - conversation - call.replyLimit().orElse(DEFAULT_REPLY_TOKENS);
    int budget = Math.min(defaults.maxTokens(), room);
    if (budget < MIN_BUDGET) {
      return Augmentation.skipped("no room left in the model window (" + windowTokens
          + " tokens, " + ProxySettings.CONTEXT_TOKENS_VAR + ")");
    }
    // The client sends the conversation itself; Engram's copy of the session's latest turns is
    // added only when it sends nothing before the question.
    ContextOptions options = new ContextOptions(budget, defaults.passages(), defaults.memories(),
        call.hasEarlierTurns() ? 0 : defaults.recentTurns());
    Context context = engram.context(scope, question, options);
    if (context.isEmpty()) {
      return new Augmentation(Optional.empty(), Optional.empty(), "none: nothing relevant found");
    }
    ObjectNode message = Json.mapper().createObjectNode().put("role", "system")
        .put("content", PREAMBLE + context.render());
    return new Augmentation(Optional.of(context), Optional.of(Json.write(message)),
        "injected: " + context.tokensUsed() + " tokens, " + context.citations().size() + " citations");
  }
}
