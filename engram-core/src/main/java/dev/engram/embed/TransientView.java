package dev.engram.embed;

import dev.engram.common.VectorSpace;
import java.util.Collection;
import java.util.List;

/**
 * The embedder for users' words of a {@link CachingEmbedder}: the same model and caches, but the
 * vectors of texts not already in the file are kept in memory only.
 */
final class TransientView implements Embedder, EmbeddingErasure {
  private final CachingEmbedder cache;

  TransientView(CachingEmbedder cache) {
    this.cache = cache;
  }

  @Override
  public VectorSpace space() {
    return cache.space();
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    return cache.embedTransient(texts);
  }

  @Override
  public float[] embedQuery(String query) {
    return cache.embedQuery(query);
  }

  @Override
  public Embedder transientView() {
    return this;
  }

  @Override
  public void erase(Collection<String> texts) {
    cache.erase(texts);
  }

  @Override
  public void close() {
    // the cache owns the model and the file
  }
}
