package dev.engram.embed;

/**
 * Counts tokens the way a model's tokenizer does, so chunks fit the model's window.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface TokenCounter {
  /** The number of tokens in {@code text}, without special tokens. */
  int count(String text);
}
