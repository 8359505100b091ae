package dev.engram.models.onnx;

import dev.engram.embed.TokenCounter;

/** Counts bge-small-en-v1.5 word pieces (no [CLS]/[SEP]), so chunks fit the embedder's window. */
public final class WordPieceTokenCounter implements TokenCounter {
  private final BgeTokenizer tokenizer;

  /** A counter on {@code tokenizer}, which the caller keeps open. */
  public WordPieceTokenCounter(BgeTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  @Override
  public int count(String text) {
    return tokenizer.count(text);
  }
}
