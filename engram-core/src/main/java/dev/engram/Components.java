package dev.engram;

import dev.engram.common.EngramException;
import dev.engram.common.InvalidInputException;
import dev.engram.common.StorageException;
import dev.engram.embed.CachingEmbedder;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbedderFactory;
import dev.engram.embed.TokenCounter;
import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The index, embedder and token counter an {@link Engram.Builder} asks for, opened in order; each
 * is added to {@code opened} as soon as it exists, so that a later failure closes it.
 */
record Components(Index index, Embedder embedder, TokenCounter tokens) {

  static Components open(Engram.Builder b, List<AutoCloseable> opened) {
    requireDataDirectoryToRead(b);
    Optional<EmbedderFactory> factory = b.givenEmbedder().isPresent() && b.givenTokens().isPresent()
        ? Optional.empty() : defaultEmbedders();
    Embedder embedder;
    if (b.givenEmbedder().isPresent()) {
      embedder = b.givenEmbedder().get();
      opened.add(embedder);
    } else {
      EmbedderFactory f = factory.orElseThrow(() -> new EngramException("ENGRAM-001",
          "no embedder on the class path: add the engram-models module, or give one to the builder"));
      Embedder model = f.create();
      opened.add(model);
      Path cache = dataDirectory(b, "the embedding cache").resolve("embedding-cache.bin");
      // A read-only instance reads the cache but never appends to the file another process writes.
      embedder = b.isReadOnly() ? CachingEmbedder.readOnly(model, cache)
          : new CachingEmbedder(model, cache);
      opened.set(opened.size() - 1, embedder); // the cache closes the model with itself
    }
    TokenCounter tokens = b.givenTokens()
        .or(() -> b.givenEmbedder().isEmpty() ? factory.map(EmbedderFactory::tokenCounter) : Optional.empty())
        .orElseGet(Cl100kTokenCounter::new);
    Index index;
    if (b.givenIndex().isPresent()) {
      index = b.givenIndex().get();
    } else {
      String uri = b.indexUri().orElseGet(
          () -> "lucene:" + dataDirectory(b, "the default index").resolve("index"));
      IndexConfig config = new IndexConfig(uri, embedder.space(), b.indexOptions(), b.isReadOnly());
      index = factoryFor(config.scheme()).open(config);
    }
    opened.add(index);
    return new Components(index, embedder, tokens);
  }

  /**
   * A read-only open never creates the data directory: a mistyped path must say so rather than
   * leave an empty directory behind and report that nothing is stored.
   */
  private static void requireDataDirectoryToRead(Engram.Builder b) {
    if (b.isReadOnly() && b.dataDirectory().isPresent() && !Files.isDirectory(b.dataDirectory().get())) {
      throw new StorageException("ENGRAM-504", "There is no data directory at "
          + b.dataDirectory().get() + ": nothing has been stored there, and reading never creates"
          + " one. Check the path, or store something first (ingest documents, remember messages).");
    }
  }

  private static Path dataDirectory(Engram.Builder b, String what) {
    return b.dataDirectory().orElseThrow(() -> new InvalidInputException("ENGRAM-002",
        what + " lives in the data directory: give the builder a data directory"));
  }

  private static Optional<EmbedderFactory> defaultEmbedders() {
    List<EmbedderFactory> all = ServiceLoader.load(EmbedderFactory.class).stream()
        .map(ServiceLoader.Provider::get).toList();
    if (all.size() > 1) {
      throw new EngramException("ENGRAM-001", "several embedders on the class path ("
          + all.stream().map(f -> f.getClass().getName()).toList() + "): give one to the builder");
    }
    return all.stream().findFirst();
  }

  /** The backend for a URI scheme: chosen by name, never by class-path order. */
  static IndexFactory factoryFor(String scheme) {
    List<IndexFactory> matching = ServiceLoader.load(IndexFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.scheme().equals(scheme))
        .toList();
    if (matching.isEmpty()) {
      throw new EngramException("ENGRAM-001", "no index backend for '" + scheme
          + ":' URIs on the class path: add its module (engram-lucene for lucene:, "
          + "engram-opensearch for opensearch:)");
    }
    if (matching.size() > 1) {
      throw new EngramException("ENGRAM-001", "several index backends claim '" + scheme
          + ":': keep one of " + matching.stream().map(f -> f.getClass().getName()).toList());
    }
    return matching.getFirst();
  }
}
