package dev.engram.bridge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One knowledge hit: the id the document was added with (the JSONL {@code _id} or the posted id),
 * its knowledge base, title and source, the chunk text, its span {@code [start, end)} in the
 * document, its section path, the fused score and the metadata the document was added with.
 */
public record Passage(String documentId, String kb, String title, String source, String text,
    int start, int end, List<String> section, double score, Map<String, String> metadata) {
  public Passage {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(text, "text");
    section = List.copyOf(section);
    metadata = Map.copyOf(metadata);
  }
}
