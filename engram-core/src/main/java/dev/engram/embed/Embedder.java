package dev.engram.embed;

import dev.engram.common.VectorSpace;
import java.util.List;

/**
 * The embedder seam: turns texts into unit-length vectors. Documents and queries are embedded
 * separately because retrieval models such as bge prefix queries with an instruction.
 *
 * <p>Implementations are thread-safe: ingest, remember and search embed from many threads at once,
 * and no call may hold a lock while the model runs.
 */
public interface Embedder extends AutoCloseable {

  /** The model name and dimension of the vectors this embedder makes. */
  VectorSpace space();

  /** Embeds passages for indexing, in order; batched and parallel inside. */
  List<float[]> embedDocuments(List<String> texts);

  /** Embeds one search query. */
  float[] embedQuery(String query);

  /**
   * The longest text this embedder reads whole, in the tokens of its own tokenizer (the {@link
   * TokenCounter} made with it), special tokens not counted: the chunker keeps every chunk and its
   * header within it. A longer text is not refused, but read only up to the window, and the
   * embedder reports that it cut it. {@link Integer#MAX_VALUE} when the embedder names no window
   * (the default, so that existing embedders keep working).
   */
  default int maxTokens() {
    return Integer.MAX_VALUE;
  }

  @Override
  default void close() {}
}
