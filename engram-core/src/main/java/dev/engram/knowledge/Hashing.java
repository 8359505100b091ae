package dev.engram.knowledge;

import dev.engram.common.Hashes;
import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Content hashes and stable ids for ingest: SHA-256, hex. */
final class Hashing {
  private Hashing() {}

  /** The id of a single-document file: stable for its absolute path. */
  static String documentId(String absolutePath) {
    return hex(Hashes.sha256(absolutePath)).substring(0, 16);
  }

  /**
   * A hash of a file's bytes, the metadata it is ingested with and the chunker's settings key
   * (mixed in only when not empty, so default settings keep the hashes of earlier versions).
   */
  static String fileHash(Path file, Map<String, String> metadata, String chunking) {
    MessageDigest sha = Hashes.sha256();
    mixChunking(sha, chunking);
    sha.update(new TreeMap<>(metadata).toString().getBytes(StandardCharsets.UTF_8));
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new InvalidInputException(SourceErrors.UNREADABLE, "cannot read " + file + ": " + e.getMessage()
          + " (check that the file exists and is readable)", e);
    }
    return hex(sha.digest());
  }

  /**
   * A hash of what a document contributes to the index: text, title, metadata and the chunker's
   * settings key (mixed in only when not empty).
   */
  static String textHash(Document doc, String chunking) {
    MessageDigest sha = Hashes.sha256();
    mixChunking(sha, chunking);
    sha.update(doc.title().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(new TreeMap<>(doc.metadata()).toString().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(doc.text().getBytes(StandardCharsets.UTF_8));
    return hex(sha.digest());
  }

  private static void mixChunking(MessageDigest sha, String chunking) {
    if (!chunking.isEmpty()) {
      sha.update(chunking.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
