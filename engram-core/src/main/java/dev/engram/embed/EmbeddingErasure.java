package dev.engram.embed;

import java.util.Collection;

/**
 * The optional capability of an embedder that keeps vectors (a cache): embed users' words without
 * writing them to any file, and erase texts from whatever it keeps. A cache file keyed by a hash
 * of each text would otherwise let a guessed text be confirmed offline after the user was erased.
 */
public interface EmbeddingErasure {

  /**
   * An embedder on the same model and caches that keeps the vectors of texts it has not seen in
   * memory only, never in a file: for users' messages and memories. Its vectors equal this
   * embedder's; closing it does nothing (the cache closes with its owner).
   */
  Embedder transientView();

  /**
   * Removes {@code texts} (as they were embedded) from every store of document vectors, the file
   * included, and drops every query vector kept in memory. Texts it does not hold are ignored;
   * the vectors of other texts stay, so nothing else is embedded again.
   */
  void erase(Collection<String> texts);
}
