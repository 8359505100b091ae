package dev.engram.memory;

import dev.engram.memory.model.Memory;
import java.util.List;

/**
 * An owner's live memories ranked two ways for one query, each best first.
 *
 * @param byText by BM25 over the memory's text
 * @param byVector by cosine similarity of the memory's vector to the query's
 */
public record RankedMemories(List<Memory> byText, List<Memory> byVector) {
  public RankedMemories {
    byText = List.copyOf(byText);
    byVector = List.copyOf(byVector);
  }
}
