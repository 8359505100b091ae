package dev.engram.embed;

/** An embedder that knows how many texts it actually ran through its model (not from a cache). */
@FunctionalInterface
public interface EmbeddingStats {
  /** Texts embedded by the model since this embedder was created. */
  long computed();
}
