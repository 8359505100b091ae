package dev.engram.client;

import java.util.List;

/** What a post or an upload wrote: one entry per document (a JSONL file may hold several). */
public record AddedDocuments(List<Written> documents) {
  /** One document: its id, knowledge base, title, source, chunk count and {@code added|updated|unchanged}. */
  public record Written(String id, String kb, String title, String source, int chunks, String status) {}
}
