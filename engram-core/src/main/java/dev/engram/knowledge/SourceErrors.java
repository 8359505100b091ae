package dev.engram.knowledge;

/**
 * The stable error codes for paths given to ingest (1xx) and source files that cannot be parsed
 * (2xx); each {@link dev.engram.common.InvalidInputException} thrown while listing or parsing
 * carries one of them.
 */
public final class SourceErrors {
  /** Ingest was given no path, or only folders that hold no file it reads. */
  public static final String NOTHING_TO_INGEST = "ENGRAM-101";

  /** A path given to ingest does not exist. */
  public static final String PATH_MISSING = "ENGRAM-102";

  /** A folder given to ingest cannot be listed. */
  public static final String FOLDER_UNLISTABLE = "ENGRAM-103";

  /** The file is larger than the configured limit. */
  public static final String TOO_LARGE = "ENGRAM-201";

  /** The file has no bytes. */
  public static final String EMPTY = "ENGRAM-202";

  /** A text format (txt, md, html, jsonl) whose first 8 KB contain NUL bytes. */
  public static final String BINARY = "ENGRAM-203";

  /** A text format that is not valid UTF-8. */
  public static final String INVALID_UTF8 = "ENGRAM-204";

  /** A PDF that PDFBox cannot open or read (corrupt, truncated or password-protected). */
  public static final String CORRUPT_PDF = "ENGRAM-205";

  /** A file found to ingest vanished, is not a regular file, or cannot be read. */
  public static final String UNREADABLE = "ENGRAM-206";

  /** A JSONL line that is not a JSON object with string {@code _id} and {@code text}. */
  public static final String MALFORMED_JSONL = "ENGRAM-207";

  /** A file whose extension no parser handles. */
  public static final String UNSUPPORTED = "ENGRAM-208";

  /** A file that parsed but holds no extractable text, such as a scanned PDF. */
  public static final String NO_TEXT = "ENGRAM-209";

  private SourceErrors() {}

  /** The error for a path given to ingest that does not exist. */
  public static dev.engram.common.InvalidInputException missing(java.nio.file.Path path) {
    return new dev.engram.common.InvalidInputException(PATH_MISSING,
        "Path " + path + " does not exist; check the path.");
  }
}
