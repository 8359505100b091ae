package dev.engram.bridge;

import java.util.Map;
import java.util.Objects;

/**
 * A document a framework adds: its id (kept, so it can be deleted by it), text, title and
 * exact-match metadata.
 */
public record Doc(String id, String text, String title, Map<String, String> metadata) {
  public Doc {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(title, "title");
    metadata = Map.copyOf(metadata);
  }
}
