package dev.engram.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Copies the records of an embedding cache file, leaving some out. */
final class CacheFiles {
  /** Whether the record with this key (its two big-endian longs) is left out. */
  @FunctionalInterface
  interface Erased {
    boolean test(long hi, long lo);
  }

  private CacheFiles() {}

  /**
   * Writes to {@code copy} (replaced) every whole record of {@code from} below {@code end} whose
   * key is not {@code erased}, in order, and forces it to disk.
   */
  static void copyExcept(FileChannel from, Path copy, long end, int recordBytes, Erased erased)
      throws IOException {
    try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer record = ByteBuffer.allocate(recordBytes);
      long to = 0;
      for (long at = 0; at < end; at += recordBytes) {
        record.clear();
        while (record.hasRemaining()) {
          if (from.read(record, at + record.position()) < 0) {
            throw new IOException("unexpected end of file at offset " + at);
          }
        }
        if (erased.test(record.getLong(0), record.getLong(8))) {
          continue;
        }
        record.flip();
        while (record.hasRemaining()) {
          out.write(record, to + record.position());
        }
        to += recordBytes;
      }
      out.force(true);
    }
  }
}
