package dev.engram.memory.recall;

import dev.engram.memory.model.Episode;
import java.time.Instant;

/** A message of the episode log found by a recall search. */
record EpisodeUnit(Episode episode) implements Unit {
  /**
   * The importance of a message, which no extractor rated: the middle of the scale. Not
   * measured; chosen by hand.
   */
  static final double MESSAGE_IMPORTANCE = 0.5;

  /** The key of the message with this id. */
  static String key(String episodeId) {
    return "e:" + episodeId;
  }

  @Override
  public String key() {
    return key(episode.id());
  }

  @Override
  public Instant eventTime() {
    return episode.eventTime();
  }

  @Override
  public double importance() {
    return MESSAGE_IMPORTANCE;
  }
}
