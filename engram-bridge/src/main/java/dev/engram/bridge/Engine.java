package dev.engram.bridge;

import dev.engram.Engram;
import dev.engram.client.EngramClient;
import java.nio.file.Path;
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

  /**
   * An embedded Engram in {@code tenant}. Documents the framework adds are staged as JSONL under
   * {@code java.io.tmpdir/engram-bridge} (see {@link #embedded(Engram, String, Path)}).
   */
  public static Engine embedded(Engram engram, String tenant) {
    return embedded(engram, tenant, Path.of(System.getProperty("java.io.tmpdir"), "engram-bridge"));
  }

  /**
   * An embedded Engram in {@code tenant}; documents the framework adds are written through a JSONL
   * file per document under {@code staging} (deleted once ingested; its path names the document,
   * so keep it stable to replace and delete by id across restarts).
   */
  public static Engine embedded(Engram engram, String tenant, Path staging) {
    return new Engine(new EmbeddedKnowledge(engram, tenant, staging), new EmbeddedMemory(engram, tenant),
        new EmbeddedSessions(engram, tenant));
  }

  /** A running server, through the client; the tenant is the client's key's. */
  public static Engine remote(EngramClient client) {
    return new Engine(new RemoteKnowledge(client), new RemoteMemory(client), new RemoteSessions(client));
  }
}
