package dev.engram.models.onnx;

import dev.engram.embed.Embedder;
import dev.engram.embed.EmbedderFactory;
import dev.engram.embed.TokenCounter;

/**
 * Makes the default in-process embedder; registered for {@link java.util.ServiceLoader}. Every
 * embedder and the token counter share one tokenizer, loaded on first use and kept for the life of
 * the factory.
 */
public final class OnnxEmbedderFactory implements EmbedderFactory {
  private final OnnxEmbedder.Settings settings;
  private BgeTokenizer tokenizer;

  /** A factory with the default settings (the one ServiceLoader makes). */
  public OnnxEmbedderFactory() {
    this(OnnxEmbedder.Settings.defaults());
  }

  /** A factory whose embedders run with {@code settings}. */
  public OnnxEmbedderFactory(OnnxEmbedder.Settings settings) {
    this.settings = settings;
  }

  @Override
  public Embedder create() {
    return new OnnxEmbedder(tokenizer(), settings);
  }

  @Override
  public TokenCounter tokenCounter() {
    return new WordPieceTokenCounter(tokenizer());
  }

  private synchronized BgeTokenizer tokenizer() {
    if (tokenizer == null) {
      tokenizer = BgeTokenizer.load();
    }
    return tokenizer;
  }
}
