package dev.engram.knowledge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Builds the one document of a single-document file (txt, md, html, pdf) from its parts. */
final class SingleFile {
  private SingleFile() {}

  static String name(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  static String source(Path file, SourceInfo info) {
    return info.source() == null || info.source().isBlank()
        ? file.toAbsolutePath().normalize().toString()
        : info.source();
  }

  /** The caller's id, or (when it gave none) a hash of the absolute path. */
  static String id(Path file, SourceInfo info) {
    if (info.documentId() != null && !info.documentId().isBlank()) {
      return info.documentId();
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  static Document document(Path file, SourceInfo info, String title, String mediaType,
      String text, List<Section> sections, List<Page> pages) {
    return new Document(id(file, info), source(file, info), title, mediaType, text, sections,
        pages, info.metadata());
  }
}
