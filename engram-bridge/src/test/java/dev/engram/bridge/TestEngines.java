package dev.engram.bridge;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import dev.engram.client.EngramClient;
import dev.engram.server.EngramServer;
import dev.engram.server.ServerConfig;
import dev.engram.server.ServerEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An Engram for an adapter's test, in one of the two modes the adapters support: embedded (a real
 * Lucene data directory) or remote (a real {@code engram serve} on a loopback port over one, with
 * a tenant key). Both use core's fake embedder: the adapters' tests check what reaches the model,
 * ranking quality is core's concern. Rule-based memory: no LLM is asked to extract.
 */
public final class TestEngines implements AutoCloseable {
  public static final String ADMIN_KEY = "bridge-test-admin-key-0123456789abcdef0123456789";

  private final Engine engine;
  private final Optional<Engram> engram;
  private final Optional<EngramClient> client;
  private final AutoCloseable owned;

  private TestEngines(Engine engine, Optional<Engram> engram, Optional<EngramClient> client, AutoCloseable owned) {
    this.engine = engine;
    this.engram = engram;
    this.client = client;
    this.owned = owned;
  }

  /** {@code embedded} or {@code remote}, over a data directory in {@code dir}. */
  public static TestEngines start(String mode, Path dir) {
    return switch (mode) {
      case "embedded" -> embedded(dir);
      case "remote" -> remote(dir);
      default -> throw new IllegalArgumentException("mode must be embedded or remote, got: " + mode);
    };
  }

  public static TestEngines embedded(Path dir) {
    Engram e = Engram.builder().dataDirectory(dir.resolve("data")).embedder(new FakeEmbedder(384))
        .tokenCounter(new Cl100kTokenCounter()).settings(Settings.defaults().withLlmMemory(false)).build();
    return new TestEngines(Engine.embedded(e, "default"), Optional.of(e),
        Optional.empty(), e);
  }

  public static TestEngines remote(Path dir) {
    Path data = dir.resolve("data");
    ServerEngine engine = ServerEngine.open(data, Optional.empty(), Optional.empty(), Optional.empty(),
        Settings.defaults().withLlmMemory(false), new FakeEmbedder(384), new Cl100kTokenCounter());
    EngramServer server = EngramServer.start(engine, ServerConfig.defaults(data).withAddress("127.0.0.1", 0)
        .withAdminKey(Optional.of(ADMIN_KEY)), line -> { });
    EngramClient admin = client(server, ADMIN_KEY);
    EngramClient tenant = client(server, admin.createKey("acme", "adapter-test").key());
    return new TestEngines(Engine.remote(tenant), Optional.empty(), Optional.of(tenant), server);
  }

  private static EngramClient client(EngramServer server, String key) {
    return EngramClient.builder().baseUrl(URI.create(server.url())).apiKey(key)
        .timeout(Duration.ofSeconds(30)).build();
  }

  public Engine engine() {
    return engine;
  }

  /**
   * Another engine over the same Engram or server, holding nothing of this one's: what another
   * process (or this one after a restart) sees.
   */
  public Engine fresh() {
    return engram.map(e -> Engine.embedded(e, "default")).orElseGet(() -> Engine.remote(client.orElseThrow()));
  }

  /** The embedded Engram; empty in remote mode. */
  public Optional<Engram> engram() {
    return engram;
  }

  /** The tenant's client; empty in embedded mode. */
  public Optional<EngramClient> client() {
    return client;
  }

  @Override
  public void close() throws Exception {
    owned.close();
  }
}
