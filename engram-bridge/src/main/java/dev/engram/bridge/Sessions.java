package dev.engram.bridge;

import java.util.List;

/** A conversation's message log: its latest turns, appending new ones, forgetting it. */
public interface Sessions {
  /** The latest {@code n} turns of the session, oldest first. */
  List<Turn> recent(Conversation session, int n);

  /** Appends turns to the session's log and extracts memories from them. */
  void append(Conversation session, List<Turn> turns);

  /**
   * Forgets the session: its messages, its summary and the memories first remembered in it, with
   * their history. Memories of other sessions it updated or superseded stay as they are. A
   * conversation without a session erases the user.
   */
  void forget(Conversation session);
}
