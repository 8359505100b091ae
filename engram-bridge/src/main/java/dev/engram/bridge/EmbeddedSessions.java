package dev.engram.bridge;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.memory.model.Message;
import java.util.List;
import java.util.Optional;

/** The message log of an embedded Engram's sessions. */
final class EmbeddedSessions implements Sessions {
  private final Engram engram;
  private final String tenant;

  EmbeddedSessions(Engram engram, String tenant) {
    this.engram = engram;
    this.tenant = tenant;
  }

  static Scope scope(String tenant, Conversation who) {
    Scope user = Scope.ofTenant(tenant).withUser(who.userId());
    return who.sessionId().map(user::withSession).orElse(user);
  }

  @Override
  public List<Turn> recent(Conversation session, int n) {
    return engram.memories().recentTurns(scope(tenant, session), n).reversed().stream()
        .map(e -> new Turn(e.role(), e.text())).toList();
  }

  @Override
  public void append(Conversation session, List<Turn> turns) {
    // A user's words are said by the user id, as `engram remember` says them, so the facts they
    // state are about the same person as the recall that reads them.
    List<Message> messages = turns.stream().map(t -> new Message(t.role(),
        t.role().equals("user") ? session.userId() : t.role(), t.text(), Optional.empty())).toList();
    if (!messages.isEmpty()) {
      engram.memories().remember(scope(tenant, session), messages);
    }
  }

  /** {@link dev.engram.memory.Memories#erase} of the session's scope, as the server's route does. */
  @Override
  public void forget(Conversation session) {
    engram.memories().erase(scope(tenant, session));
  }
}
