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

  /** Remembers the turn in {@code scope} (which names a user); the episode ids stored. */
  List<String> record(Scope scope, ChatCall call, AssistantReply reply) {
    String user = scope.user().orElseThrow();
    Optional<Message> said = call.endsWithUser()
        ? Optional.of(call.text(call.messages().size() - 1).strip()).filter(t -> !t.isEmpty())
            .map(t -> new Message("user", user, t, Optional.empty()))
        : Optional.empty();
    List<String> ids = new ArrayList<>();
    if (reply.onlyToolCalls()) {
      said.ifPresent(m -> ids.addAll(memories.remember(scope, List.of(m)).messageIds()));
      ids.addAll(logOnly.remember(scope, List.of(new Message("assistant", "assistant",
          reply.describeToolCalls(), Optional.empty(), Origin.ANSWER))).messageIds());
      return ids;
    }
    List<Message> turn = new ArrayList<>(2);
    said.ifPresent(turn::add);
    if (rememberAnswers && !reply.text().isBlank()) {
      turn.add(Message.answer(reply.text()));
    }
    return turn.isEmpty() ? List.of() : memories.remember(scope, turn).messageIds();
  }
}
