package dev.engram.server;

import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.chat.ChatModel;
import dev.engram.common.Checks;
import dev.engram.context.Cl100k;
import dev.engram.common.EngramException;
import dev.engram.embed.CachingEmbedder;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbedderFactory;
import dev.engram.embed.TokenCounter;
import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one {@link Engram} a server holds, with the index and token counter it was built on. The
 * server reads the index directly where the Engram API has no call yet (a document's chunks, a
 * memory found by id alone) and writes documents posted as text; everything else goes through
 * {@link Engram}. Closing it closes the Engram, which closes the index and the embedder.
 */
public record ServerEngine(Engram engram, Index index, Embedder embedder, TokenCounter tokens,
    ModelUse modelUse) implements AutoCloseable {

  public ServerEngine {
    Checks.notNull(engram, "engram");
    Checks.notNull(index, "index");
    Checks.notNull(embedder, "embedder");
    Checks.notNull(tokens, "tokens");
    Checks.notNull(modelUse, "modelUse");
  }

  /**
   * Opens the data directory as the CLI does: the in-jar embedder with its cache file, Lucene in
   * {@code dataDir/index} unless {@code indexUri} names another, and the chat model if one is
   * given.
   */
  public static ServerEngine open(Path dataDir, Optional<String> indexUri, Optional<Clock> clock,
      Optional<ChatModel> chat, Settings settings) {
    EmbedderFactory factory = ServiceLoader.load(EmbedderFactory.class).findFirst().orElseThrow(
        () -> new EngramException("ENGRAM-001", "no embedder on the class path: add engram-models"));
    ModelUse use = new ModelUse();
    // Timed below the cache: /metrics shows time in the model, not cache hits.
    Embedder embedder = new CachingEmbedder(use.timed(factory.create()), dataDir.resolve("embedding-cache.bin"));
    return open(dataDir, indexUri, clock, chat, settings, embedder, factory.tokenCounter(), use);
  }

  /** Opens the data directory with a given embedder and token counter (tests use a fake one). */
  public static ServerEngine open(Path dataDir, Optional<String> indexUri, Optional<Clock> clock,
      Optional<ChatModel> chat, Settings settings, Embedder embedder, TokenCounter tokens) {
    return open(dataDir, indexUri, clock, chat, settings, embedder, tokens, new ModelUse());
  }

  private static ServerEngine open(Path dataDir, Optional<String> indexUri, Optional<Clock> clock,
      Optional<ChatModel> chat, Settings settings, Embedder embedder, TokenCounter tokens,
      ModelUse use) {
    Index index;
    try {
      String uri = indexUri.orElse("lucene:" + dataDir.resolve("index"));
      IndexConfig config = new IndexConfig(uri, embedder.space(), Map.of(), false);
      index = factoryFor(config.scheme()).open(config);
    } catch (RuntimeException e) {
      embedder.close();
      throw e;
    }
    Engram.Builder builder = Engram.builder().dataDirectory(dataDir).index(index)
        .embedder(embedder).tokenCounter(tokens).settings(settings);
    clock.ifPresent(builder::clock);
    chat.map(use::counted).ifPresent(builder::chatModel);
    // The builder closes what it was given when it fails, so nothing leaks here.
    ServerEngine engine = new ServerEngine(builder.build(), index, embedder, tokens, use);
    // The prompt token table (about 0.5 s to build) off the start path: ready sooner, and built
    // by the time a first context or answer needs it.
    Thread.ofPlatform().daemon().name("engram-cl100k-preload").start(Cl100k::preload);
    return engine;
  }

  private static IndexFactory factoryFor(String scheme) {
    List<IndexFactory> matching = ServiceLoader.load(IndexFactory.class).stream()
        .map(ServiceLoader.Provider::get).filter(f -> f.scheme().equals(scheme)).toList();
    if (matching.size() != 1) {
      throw new EngramException("ENGRAM-001", matching.isEmpty()
          ? "no index backend for '" + scheme + ":' URIs on the class path"
          : "several index backends claim '" + scheme + ":'");
    }
    return matching.getFirst();
  }

  @Override
  public void close() {
    engram.close();
  }
}
