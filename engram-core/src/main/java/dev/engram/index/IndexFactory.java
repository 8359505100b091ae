package dev.engram.index;

import dev.engram.common.VectorSpace;
import java.nio.file.Path;

/**
 * Opens an {@link Index} in a directory. Implementations register through {@link
 * java.util.ServiceLoader} so that engram-core needs no storage library.
 */
@FunctionalInterface
public interface IndexFactory {
  /**
   * Opens or creates the index under {@code dir} for vectors of {@code space}.
   *
   * @throws dev.engram.common.StorageException when the directory holds vectors of another model or
   *     cannot be opened
   */
  Index open(Path dir, VectorSpace space);
}
