package dev.engram.memory.consolidate;

import dev.engram.memory.extract.Candidate;
import java.util.List;

/**
 * The consolidation seam: decides what a candidate does to the live memories most similar to it.
 * The default is {@link RuleConsolidator}; an LLM-backed judge plugs in here.
 */
@FunctionalInterface
public interface Consolidator {

  /**
   * The verdict for {@code candidate}.
   *
   * @param similar live memories of the same scope, most similar first
   */
  Verdict decide(Candidate candidate, List<Similar> similar);
}
