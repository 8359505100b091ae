package dev.engram.knowledge;

import java.util.List;

/**
 * What an ingest did.
 *
 * @param files files looked at, with the symbolic links inside folders that were not followed
 * @param unchangedFiles files skipped because their bytes had not changed
 * @param added documents new to the index
 * @param updated documents whose content changed and whose chunks were replaced
 * @param removed documents removed because their record vanished from a changed JSONL file
 * @param chunks chunks written
 * @param embedded chunks the model had to embed (the rest came from the embedding cache)
 * @param skipped files that could not be ingested and links not followed, with the reason
 * @param embedNanos wall time spent embedding (the rest is parsing, chunking and indexing)
 * @param nanos wall time
 */
public record IngestReport(
    int files,
    int unchangedFiles,
    int added,
    int updated,
    int removed,
    int chunks,
    long embedded,
    List<Skipped> skipped,
    long embedNanos,
    long nanos) {

  public IngestReport {
    skipped = List.copyOf(skipped);
  }

  /** A file that was not ingested, and why. */
  public record Skipped(String file, String reason) {}

  public double seconds() {
    return nanos / 1e9;
  }

  public double chunksPerSecond() {
    return nanos == 0 ? 0 : chunks / seconds();
  }

  public double documentsPerSecond() {
    return nanos == 0 ? 0 : (added + updated) / seconds();
  }

  /** One line: documents, chunks, skipped files, seconds, chunks/s. */
  public String summary() {
    return String.format(
        "%d files (%d unchanged), %d documents added, %d updated, %d removed, %d chunks (%d embedded),"
            + " %d skipped, %.1f s (%.0f%% embedding), %.1f chunks/s, %.1f docs/s",
        files, unchangedFiles, added, updated, removed, chunks, embedded, skipped.size(), seconds(),
        nanos == 0 ? 0.0 : 100.0 * embedNanos / nanos, chunksPerSecond(), documentsPerSecond());
  }
}
