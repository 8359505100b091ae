package dev.engram.context;

import dev.engram.common.Checks;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.retrieval.SearchHit;
import java.util.List;
import java.util.Optional;

/**
 * Everything found for a question before it is fitted into the budget, each list best first
 * (recent turns: newest first).
 */
public record Material(
    List<SearchHit> passages, List<RecalledMemory> memories, Optional<Memory> summary,
    List<Episode> recentTurns) {
  public Material {
    passages = List.copyOf(passages);
    memories = List.copyOf(memories);
    Checks.notNull(summary, "summary");
    recentTurns = List.copyOf(recentTurns);
  }

  /** Nothing found. */
  public static Material empty() {
    return new Material(List.of(), List.of(), Optional.empty(), List.of());
  }
}
