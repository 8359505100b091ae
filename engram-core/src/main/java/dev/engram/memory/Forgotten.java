package dev.engram.memory;

import dev.engram.common.Checks;

/**
 * What forgetting one memory changed.
 *
 * @param id the forgotten memory
 * @param messagesChanged messages it was taken out of, the rest of their text kept
 * @param messagesDeleted messages emptied because they held nothing else (no text, no vector;
 *     the record keeps only its place in the session)
 * @param summariesRebuilt session summaries rebuilt without it
 */
public record Forgotten(String id, int messagesChanged, int messagesDeleted, int summariesRebuilt) {
  public Forgotten {
    Checks.notBlank(id, "id");
  }
}
