package dev.engram.server;

import dev.engram.Settings;
import dev.engram.chat.ChatModel;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real server on a loopback port over a real Lucene data directory, for one test class: the
 * in-jar embedder, or core's fake one where embedding quality does not matter. Keeps the access
 * log and gives an admin and per-tenant keys.
 */
final class Served implements AutoCloseable {
  static final String ADMIN_KEY = "test-admin-key-0123456789abcdef0123456789abcdef";

  final EngramServer server;
  final Http http;
  final List<String> accessLog = new CopyOnWriteArrayList<>();
  final Path data;
  final ServerEngine engine;

  private Served(Path data, ServerEngine engine, ServerConfig config) {
    this(data, engine, config, dev.engram.server.openai.ProxySettings.of(engine));
  }

  private Served(Path data, ServerEngine engine, ServerConfig config,
      dev.engram.server.openai.ProxySettings proxy) {
    this.data = data;
    this.engine = engine;
    this.server = EngramServer.start(engine, config, proxy, accessLog::add);
    this.http = new Http(server.url());
  }

  /** With the real in-jar embedder. */
  static Served real(Path data) {
    return new Served(data, ServerEngine.open(data, Optional.empty(), Optional.empty(),
        Optional.empty(), Settings.defaults()), config(data));
  }

  /** With the fake embedder: fast, for suites where ranking quality does not matter. */
  static Served fake(Path data) {
    return fake(data, config(data));
  }

  static Served fake(Path data, ServerConfig config) {
    return new Served(data, fakeEngine(data, Optional.empty()), config);
  }

  static Served withModel(Path data, ChatModel model) {
    return new Served(data, fakeEngine(data, Optional.of(model)), config(data));
  }

  /** With this engine and the OpenAI proxy as {@code proxy} says (its upstream from the engine's model). */
  static Served withProxy(Path data, ServerEngine engine, boolean pinModel, int contextTokens) {
    var proxy = dev.engram.server.openai.ProxySettings.of(engine);
    return new Served(data, engine, config(data),
        new dev.engram.server.openai.ProxySettings(proxy.upstream(), pinModel, contextTokens));
  }

  static ServerEngine fakeEngine(Path data, Optional<ChatModel> model) {
    return ServerEngine.open(data, Optional.empty(), Optional.empty(), model,
        Settings.defaults().withLlmMemory(false), new FakeEmbedder(384), new Cl100kTokenCounter());
  }

  static ServerConfig config(Path data) {
    return ServerConfig.defaults(data).withAddress("127.0.0.1", 0).withAdminKey(Optional.of(ADMIN_KEY));
  }

  /** A new key of {@code tenant}, made through the admin API. */
  String keyFor(String tenant) {
    Http.Response r = http.post("/v1/admin/keys", ADMIN_KEY, java.util.Map.of("tenant", tenant, "name", "test"));
    if (r.status() != 201) {
      throw new AssertionError("cannot create a key: " + r);
    }
    return r.json().get("key").asText();
  }

  @Override
  public void close() {
    server.close();
  }
}
