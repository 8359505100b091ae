package dev.engram.knowledge;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns one file into documents (one for txt/md/html/pdf, one per line for JSONL). Throws {@link
 * dev.engram.common.InvalidInputException} with a message naming the file (and line) when the file is
 * malformed.
 */
@FunctionalInterface
public interface Parser {
  List<Document> parse(Path file, SourceInfo info);
}
