package dev.engram.embed;

/**
 * Creates the default in-process embedder. Implementations register through {@link
 * java.util.ServiceLoader} so that engram-core needs no model library.
 */
public interface EmbedderFactory {
  /** A new embedder; the caller closes it. */
  Embedder create();

  /** The tokenizer of the embedder, used to size chunks. */
  TokenCounter tokenCounter();
}
