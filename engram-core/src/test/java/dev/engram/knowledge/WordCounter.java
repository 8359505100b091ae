package dev.engram.knowledge;

import dev.engram.embed.TokenCounter;

/** A token counter for tests: one token per whitespace-separated word. */
final class WordCounter implements TokenCounter {
  @Override
  public int count(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }
}
