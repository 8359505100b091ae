package dev.engram.bridge;

import dev.engram.client.EngramClient;
import dev.engram.client.Message;
import java.util.List;

/**
 * Sessions on a running server: {@code POST /v1/memories} appends, {@code GET
 * /v1/sessions/{id}/messages} reads the session's log back (whichever process wrote it), and
 * {@code DELETE /v1/sessions/{id}} forgets the session there. A conversation without a session
 * has no turns, and forgetting it erases the user, as the embedded engine does.
 */
final class RemoteSessions implements Sessions {
  /** The most turns the server returns in one read ({@code limit} of the route). */
  static final int MAX_TURNS = 1_000;

  private final EngramClient client;

  RemoteSessions(EngramClient client) {
    this.client = client;
  }

  @Override
  public List<Turn> recent(Conversation session, int n) {
    if (session.sessionId().isEmpty() || n < 1) {
      return List.of();
    }
    return client.sessionMessages(RemoteMemory.owner(session), Math.min(n, MAX_TURNS)).stream()
        .map(m -> new Turn(m.role(), m.content())).toList();
  }

  @Override
  public void append(Conversation session, List<Turn> turns) {
    if (!turns.isEmpty()) {
      client.remember(RemoteMemory.owner(session),
          turns.stream().map(t -> Message.of(t.role(), t.text())).toList(), true);
    }
  }

  @Override
  public void forget(Conversation session) {
    if (session.sessionId().isEmpty()) {
      client.eraseUser(session.userId());
    } else {
      client.forgetSession(RemoteMemory.owner(session));
    }
  }
}
