package dev.engram.lucene;

import dev.engram.index.Collection;
import dev.engram.index.IndexRecord;
import dev.engram.common.VectorSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes batches to an index forever, printing {@code committed N} after each commit returns; run
 * by {@link LuceneCrashIT} in a separate JVM that it kills.
 */
public final class CrashWriterMain {
  static final VectorSpace SPACE = new VectorSpace("crash-model", 4);
  static final int BATCH = 100;

  private CrashWriterMain() {}

  public static void main(String[] args) {
    LuceneIndex index = LuceneIndex.open(Path.of(args[0]), SPACE);
    Collection docs = index.collection("docs");
    for (int batch = 0; ; batch++) {
      List<IndexRecord> records = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        int n = batch * BATCH + i;
        records.add(new IndexRecord("r" + n, "record number " + n + " about crashes",
            new float[] {1, n % 7, n % 11, 1}, Map.of("batch", List.of("b" + batch)),
            Map.of("n", (long) n)));
      }
      index.write(dev.engram.index.WriteBatch.builder().upsert("docs", records).build());
      System.out.println("committed " + (batch + 1) * BATCH);
      System.out.flush();
    }
  }
}
