package dev.engram.server.openai;

import dev.engram.common.Scope;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Remembers a proxied turn once its reply is complete: the user's new message (as said in a
 * conversation, so memories are extracted from it) and the assistant's final text (as an answer,
 * never a source of memories). A reply that only calls tools is kept in the episode log without
 * extraction. A request that ends with tool results carries no new user message, so only its
 * answer is added.
 */
final class TurnRecorder {
  private final Memories memories;
  private final Memories logOnly;
  private final boolean rememberAnswers;

  TurnRecorder(Memories memories, Memories logOnly, boolean rememberAnswers) {
    this.memories = memories;
    this.logOnly = logOnly;
    this.rememberAnswers = rememberAnswers;
  }

  /**
   * What a turn leaves to remember, taken from the request on its own thread, so the queue holds
   * a message and a reply rather than the whole request.
   *
   * @param scope the turn's scope (it names a user)
   * @param said the user's new message, when the request ends with one that has text
   * @param reply what the upstream answered
   */
  record Turn(Scope scope, Optional<Message> said, AssistantReply reply) {}

  /** The turn of {@code call} in {@code scope} (which names a user), answered by {@code reply}. */
  static Turn turn(Scope scope, ChatCall call, AssistantReply reply) {
    String user = scope.user().orElseThrow();
    Optional<Message> said = call.endsWithUser()
        ? Optional.of(call.text(call.messages().size() - 1).strip()).filter(t -> !t.isEmpty())
            .map(t -> new Message("user", user, t, Optional.empty()))
        : Optional.empty();
    return new Turn(scope, said, reply);
  }

  /** Remembers {@code turn}; the episode ids stored. */
  List<String> record(Turn turn) {
    Scope scope = turn.scope();
    AssistantReply reply = turn.reply();
    List<String> ids = new ArrayList<>();
    if (reply.onlyToolCalls()) {
      turn.said().ifPresent(m -> ids.addAll(memories.remember(scope, List.of(m)).messageIds()));
      ids.addAll(logOnly.remember(scope, List.of(new Message("assistant", "assistant",
          reply.describeToolCalls(), Optional.empty(), Origin.ANSWER))).messageIds());
      return ids;
    }
    List<Message> messages = new ArrayList<>(2);
    turn.said().ifPresent(messages::add);
    if (rememberAnswers && !reply.text().isBlank()) {
      messages.add(Message.answer(reply.text()));
    }
    return messages.isEmpty() ? List.of() : memories.remember(scope, messages).messageIds();
  }
}
