package dev.engram.bridge;

import java.util.List;
import java.util.Objects;

/**
 * Keeps a session's log in step with a framework's chat memory, which hands over its whole
 * window on every change: only the turns after the part the log already ends with are appended,
 * so no message is stored twice.
 */
public final class Transcript {
  private final Sessions sessions;

  public Transcript(Sessions sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  /**
   * Appends the turns of {@code window} (oldest first, system messages already left out) that the
   * session's log does not end with yet, and returns them.
   */
  public List<Turn> sync(Conversation session, List<Turn> window) {
    if (window.isEmpty()) {
      return List.of();
    }
    List<Turn> stored = sessions.recent(session, window.size());
    List<Turn> fresh = window.subList(overlap(stored, window), window.size());
    sessions.append(session, List.copyOf(fresh));
    return List.copyOf(fresh);
  }

  /**
   * The length of the longest prefix of {@code window} that is a suffix of {@code stored}: the
   * window's stored messages are always the log's latest ones, the new ones follow them.
   */
  static int overlap(List<Turn> stored, List<Turn> window) {
    for (int j = Math.min(stored.size(), window.size()); j > 0; j--) {
      if (same(stored.subList(stored.size() - j, stored.size()), window.subList(0, j))) {
        return j;
      }
    }
    return 0;
  }

  private static boolean same(List<Turn> a, List<Turn> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).role().equals(b.get(i).role()) || !a.get(i).text().strip().equals(b.get(i).text().strip())) {
        return false;
      }
    }
    return true;
  }
}
