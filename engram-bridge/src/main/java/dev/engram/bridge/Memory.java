package dev.engram.bridge;

import java.util.List;

/** Memory and the blend: recall a user's memories, and assemble Engram's context for a question. */
public interface Memory {
  /** The user's live memories (and past messages) that matter for {@code query}, best first. */
  List<Recollection> recall(Conversation who, String query, int k);

  /**
   * Engram's context for a question: routed, within its token budget, knowledge passages of
   * {@code kbs} (empty: the default one) and the user's memories, with numbered citations.
   */
  Blend context(Conversation who, String question, List<String> kbs);
}
