package dev.engram.bridge;

import dev.engram.Engram;
import dev.engram.client.EngramClient;
import java.util.Objects;

/**
 * Engram as the adapters see it: {@link Knowledge}, {@link Memory} and {@link Sessions}, over an
 * embedded {@link Engram} or over {@link EngramClient} against a running {@code engram serve}. An
 * adapter takes an {@code Engine} and never knows which.
 */
public record Engine(Knowledge knowledge, Memory memory, Sessions sessions) {
  public Engine {
    Objects.requireNonNull(knowledge, "knowledge");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(sessions, "sessions");
  }

  /** An embedded Engram, in the {@code default} tenant. */
  public static Engine embedded(Engram engram) {
    return embedded(engram, "default");
  }

  /** An embedded Engram in {@code tenant}. */
  public static Engine embedded(Engram engram, String tenant) {
    return new Engine(new EmbeddedKnowledge(engram, tenant), new EmbeddedMemory(engram, tenant),
        new EmbeddedSessions(engram, tenant));
  }

  /** A running server, through the client; the tenant is the client's key's. */
  public static Engine remote(EngramClient client) {
    return new Engine(new RemoteKnowledge(client), new RemoteMemory(client), new RemoteSessions(client));
  }
}
