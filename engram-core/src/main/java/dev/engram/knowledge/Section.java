package dev.engram.knowledge;

import dev.engram.common.Checks;
import java.util.List;

/**
 * A span of a document's extracted text under one heading path, for example {@code ["Install",
 * "Linux"]}. Sections of one document are in order and do not overlap.
 */
public record Section(int start, int end, List<String> path) {
  public Section {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad section span [" + start + ", " + end + ")");
    }
    path = List.copyOf(Checks.notNull(path, "path"));
  }
}
