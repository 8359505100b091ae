package dev.engram.lucene;

import dev.engram.index.Index;
import dev.engram.index.IndexFactory;
import dev.engram.common.VectorSpace;
import java.nio.file.Path;

/** Opens a {@link LuceneIndex} with default options; found by {@link java.util.ServiceLoader}. */
public final class LuceneIndexFactory implements IndexFactory {
  @Override
  public Index open(Path dir, VectorSpace space) {
    return LuceneIndex.open(dir, space);
  }
}
