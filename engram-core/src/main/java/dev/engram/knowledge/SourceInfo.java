package dev.engram.knowledge;

import java.util.Map;

/**
 * What the caller knows about a source before parsing: its document id for single-document
 * files, and metadata (such as tags) to attach to every document parsed from it.
 */
public record SourceInfo(String documentId, String source, Map<String, String> metadata) {
  public SourceInfo {
    metadata = Map.copyOf(metadata);
  }
}
