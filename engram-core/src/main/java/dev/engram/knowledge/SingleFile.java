package dev.engram.knowledge;

import dev.engram.common.Hashes;
import java.nio.file.Path;
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
    byte[] digest = Hashes.sha256(file.toAbsolutePath().normalize().toString());
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  static Document document(Path file, SourceInfo info, String title, String mediaType,
      String text, List<Section> sections, List<Page> pages) {
    return new Document(id(file, info), source(file, info), title, mediaType, text, sections,
        pages, info.metadata());
  }
}
