package dev.engram.lucene;

import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The {@code vector-space.properties} file of an index directory: which embedding model and
 * dimension made its vectors. Written once, atomically, and checked on every open.
 */
final class VectorSpaceFile {
  static final String NAME = "vector-space.properties";

  private VectorSpaceFile() {}

  /** Records {@code space} in a new directory, or checks that it matches the recorded one. */
  static void claim(Path dir, VectorSpace space) {
    Path file = dir.resolve(NAME);
    try {
      Files.createDirectories(dir);
      if (Files.exists(file)) {
        VectorSpace stored = read(file);
        if (!stored.equals(space)) {
          throw new StorageException(
              "ENGRAM-501",
              "The data directory "
                  + dir
                  + " was built with model "
                  + stored.model()
                  + " (dimension "
                  + stored.dimension()
                  + ") but model "
                  + space.model()
                  + " (dimension "
                  + space.dimension()
                  + ") was requested. Re-ingest into a new data directory, or open this one with its model.");
        }
      } else {
        write(file, space);
      }
    } catch (IOException e) {
      throw new StorageException("Cannot read or write " + file + ": " + e.getMessage(), e);
    }
  }

  private static VectorSpace read(Path file) throws IOException {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    }
    String model = props.getProperty("model", "");
    String dimension = props.getProperty("dimension", "");
    try {
      return new VectorSpace(model, Integer.parseInt(dimension.strip()));
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "ENGRAM-500",
          file + " is damaged (model='" + model + "', dimension='" + dimension + "'). "
              + "Restore it or re-ingest into a new directory.");
    }
  }

  private static void write(Path file, VectorSpace space) throws IOException {
    Properties props = new Properties();
    props.setProperty("model", space.model());
    props.setProperty("dimension", Integer.toString(space.dimension()));
    Path tmp = file.resolveSibling(NAME + ".tmp");
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      props.store(out, "Embedding model of this Engram index; do not edit");
    }
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
