package dev.engram.memory.consolidate;

import dev.engram.common.Checks;
import dev.engram.memory.model.Memory;

/** A live memory and its cosine similarity (-1 to 1) to a candidate. */
public record Similar(Memory memory, double cosine) {
  public Similar {
    Checks.notNull(memory, "memory");
  }
}
