package dev.engram.index;

import dev.engram.common.VectorSpace;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The in-memory index keeps the same contract as every backend. */
class InMemoryIndexTest extends IndexContractTest {
  private final Map<Path, InMemoryIndex.Store> stores = new HashMap<>();

  @Override
  protected Index openIndex(Path dir, VectorSpace space) {
    return InMemoryIndex.open(stores.computeIfAbsent(dir, d -> new InMemoryIndex.Store()), space);
  }
}
