package dev.engram.memory.extract;

import dev.engram.memory.model.Episode;
import java.util.List;

/**
 * The extraction seam: finds candidate memories in newly remembered messages. The default is
 * {@link RuleExtractor}; an LLM-backed extractor plugs in here.
 */
@FunctionalInterface
public interface Extractor {

  /**
   * Candidates found in {@code messages}, each with the ids of the messages it came from.
   *
   * @param messages the messages of one remember call, in order, already stored in the episode log
   */
  List<Candidate> extract(List<Episode> messages);
}
