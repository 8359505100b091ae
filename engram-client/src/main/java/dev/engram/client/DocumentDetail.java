package dev.engram.client;

import java.time.Instant;
import java.util.List;

/** A stored document with its chunks, each with its character span, section path and page. */
public record DocumentDetail(String id, String kb, String title, String source, String mediaType,
    int chunkCount, Instant ingestedAt, List<Chunk> chunks) {
  /** One chunk of the document: {@code text} is {@code [start, end)} of the document's text. */
  public record Chunk(String id, int ordinal, String text, int start, int end, List<String> section,
      int page) {}
}
