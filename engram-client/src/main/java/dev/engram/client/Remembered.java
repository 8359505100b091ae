package dev.engram.client;

import java.util.List;
import java.util.Optional;

/** What remembering did: one event per memory decision, and the ids of the logged messages. */
public record Remembered(List<Event> results, List<String> episodeIds) {
  /** A decision: the memory, its text, {@code ADD|UPDATE|SUPERSEDE|NOOP} and the memory it replaced. */
  public record Event(String id, String memory, String event, Optional<String> previousId) {}
}
