package dev.engram.knowledge;

import dev.engram.common.Checks;
import java.util.Map;

/**
 * Options of one ingest.
 *
 * @param metadata key/value pairs attached to every document (for example {@code tags=a,b})
 * @param maxFileBytes files larger than this are skipped with a reason
 */
public record IngestOptions(Map<String, String> metadata, long maxFileBytes) {
  /** 50 MB: larger files are almost always data dumps, not knowledge. */
  public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;

  public IngestOptions {
    metadata = Map.copyOf(Checks.notNull(metadata, "metadata"));
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be >= 1, got: " + maxFileBytes);
    }
  }

  public static IngestOptions defaults() {
    return new IngestOptions(Map.of(), DEFAULT_MAX_FILE_BYTES);
  }
}
