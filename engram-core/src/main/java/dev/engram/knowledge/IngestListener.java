package dev.engram.knowledge;

/** Hears how an ingest progresses, to draw a progress bar. */
public interface IngestListener {
  /** The ingest found {@code files} files to look at. */
  default void started(int files) {}

  /** One more file was handled (ingested, skipped or unchanged). */
  default void fileDone(String file) {}

  IngestListener NONE = new IngestListener() {};
}
