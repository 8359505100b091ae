package dev.engram.bridge;

import dev.engram.client.EngramClient;
import dev.engram.client.MemoryInfo;
import dev.engram.client.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions on a running server. The HTTP API appends messages ({@code POST /v1/memories}) and lists
 * and forgets memories, but has no route that reads back or deletes a session's messages; so the
 * turns this process appended are also kept here, per session, for {@link #recent}, and {@link
 * #forget} forgets the memories the session produced and drops the kept turns. The server's
 * message log keeps the messages (its context still shows them as recent turns).
 */
final class RemoteSessions implements Sessions {
  private final EngramClient client;
  private final Map<Conversation, List<Turn>> kept = new ConcurrentHashMap<>();

  RemoteSessions(EngramClient client) {
    this.client = client;
  }

  @Override
  public List<Turn> recent(Conversation session, int n) {
    List<Turn> turns = kept.getOrDefault(session, List.of());
    synchronized (turns) {
      return List.copyOf(turns.subList(Math.max(0, turns.size() - n), turns.size()));
    }
  }

  @Override
  public void append(Conversation session, List<Turn> turns) {
    if (turns.isEmpty()) {
      return;
    }
    List<Message> messages = turns.stream().map(t -> Message.of(t.role(), t.text())).toList();
    client.remember(RemoteMemory.owner(session), messages, true);
    List<Turn> log = kept.computeIfAbsent(session, s -> new ArrayList<>());
    synchronized (log) {
      log.addAll(turns);
    }
  }

  @Override
  public void forget(Conversation session) {
    kept.remove(session);
    // Each pass forgets what page 1 holds, so the next pass sees the rest. The session's summary
    // is listed but cannot be forgotten by id over HTTP (404): it is left, and so is a memory
    // another caller forgot first.
    java.util.Set<String> left = new java.util.HashSet<>();
    while (true) {
      List<MemoryInfo> page = client.memories(RemoteMemory.owner(session), false, 1, 100).results().stream()
          .filter(m -> !left.contains(m.id())).toList();
      if (page.isEmpty()) {
        return;
      }
      for (MemoryInfo m : page) {
        try {
          client.forget(m.id());
        } catch (dev.engram.client.EngramClientException e) {
          if (e.status() != 404) {
            throw e;
          }
          left.add(m.id());
        }
      }
    }
  }
}
