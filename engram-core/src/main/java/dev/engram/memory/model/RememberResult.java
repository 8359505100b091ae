package dev.engram.memory.model;

import java.util.List;

/**
 * What one remember call stored: the ids of the messages, in the order given, and one decision
 * per extracted candidate. Everything in it was committed before the call returned.
 */
public record RememberResult(List<String> messageIds, List<Decision> decisions) {
  public RememberResult {
    messageIds = List.copyOf(messageIds);
    decisions = List.copyOf(decisions);
  }
}
