package dev.engram.index;

import dev.engram.common.VectorSpace;

/**
 * The index seam: a set of named hybrid text + vector collections with metadata filters, all
 * stored under one directory. The embedded default is Lucene; a server backend comes later.
 * Every implementation passes {@code IndexContractTest}.
 */
public interface Index extends AutoCloseable {

  /** The collection with this name, created on first use. */
  Collection collection(String name);

  /** Which embedding model made the vectors in this index, and their dimension. */
  VectorSpace vectorSpace();

  /** Commits every collection and releases files and locks. Idempotent. */
  @Override
  void close();
}
