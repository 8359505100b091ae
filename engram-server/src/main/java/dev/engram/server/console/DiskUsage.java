package dev.engram.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The bytes of the files under the data directory (index, keys, uploads, embedding cache), for
 * every tenant together: tenants share one index, so no per-tenant figure exists on disk.
 * Walked on each call; an index being merged may lose a file mid-walk, which counts as gone.
 */
final class DiskUsage {
  private final Path dir;

  DiskUsage(Path dir) {
    this.dir = dir;
  }

  long bytes() {
    return bytes(3);
  }

  private long bytes(int attempts) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.mapToLong(DiskUsage::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException && attempts > 1) {
        return bytes(attempts - 1);
      }
      throw e;
    }
  }

  private static long size(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.size(p) : 0;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
