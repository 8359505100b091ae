package dev.engram.knowledge;

import java.nio.file.Path;
import java.util.List;

/** Parses a UTF-8 plain text file into one document titled with the file name. */
public final class TextParser implements Parser {
  private final SourceReader reader;

  TextParser(SourceReader reader) {
    this.reader = reader;
  }

  @Override
  public List<Document> parse(Path file, SourceInfo info) {
    String text = reader.readText(file);
    return List.of(SingleFile.document(file, info, SingleFile.name(file), "text/plain", text,
        List.of(), List.of()));
  }
}
