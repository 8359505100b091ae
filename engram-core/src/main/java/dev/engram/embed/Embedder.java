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

  @Override
  default void close() {}
}
