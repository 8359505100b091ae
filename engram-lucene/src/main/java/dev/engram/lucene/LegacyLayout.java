package dev.engram.lucene;

import dev.engram.common.StorageException;
import dev.engram.index.IndexRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * The layout before 0.2: one Lucene index per collection, in {@code dir/<collection>}. On the
 * first open for writing every record moves, unchanged, into the single index, in one commit;
 * then the old directories are deleted. Moving is idempotent (records are upserted by id), so a
 * crash before the deletion only means the next open moves them again.
 */
final class LegacyLayout {
  private static final int CHUNK = 1_000;

  private LegacyLayout() {}

  static boolean present(Path dir) {
    return !collections(dir).isEmpty();
  }

  static void migrate(Path dir, LuceneIndex index) throws IOException {
    List<Path> old = collections(dir);
    if (old.isEmpty()) {
      return;
    }
    for (Path collection : old) {
      copy(collection, index);
    }
    index.commitBulk();
    for (Path collection : old) {
      deleteTree(collection);
    }
  }

  private static void copy(Path path, LuceneIndex index) throws IOException {
    String name = path.getFileName().toString();
    try (Directory directory = FSDirectory.open(path);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      List<IndexRecord> records = new ArrayList<>(CHUNK);
      for (LeafReaderContext leaf : reader.leaves()) {
        LeafReader r = leaf.reader();
        Bits live = r.getLiveDocs();
        StoredFields stored = r.storedFields();
        for (int doc = 0; doc < r.maxDoc(); doc++) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          float[] vector = RecordDocuments.readVector(r, RecordDocuments.LEGACY_VECTOR, doc);
          records.add(RecordDocuments.toRecord(stored.document(doc), vector, true));
          if (records.size() == CHUNK) {
            index.bulkAdd(name, records);
            records.clear();
          }
        }
      }
      index.bulkAdd(name, records);
    }
  }

  /** The sub-directories of {@code dir} that hold a Lucene index of the old layout. */
  private static List<Path> collections(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().equals(LuceneIndex.STORE))
          .filter(LegacyLayout::holdsIndex)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StorageException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean holdsIndex(Path p) {
    try (Stream<Path> files = Files.list(p)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
