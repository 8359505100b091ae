package dev.engram.memory.model;

import java.util.List;

/** A memory with every entry of its history, oldest first. */
public record MemoryWithHistory(Memory memory, List<HistoryEntry> history) {
  public MemoryWithHistory {
    history = List.copyOf(history);
  }
}
