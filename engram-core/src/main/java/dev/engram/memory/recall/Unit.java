package dev.engram.memory.recall;

import java.time.Instant;

/** What one recall scores and selects: a memory or a message of the episode log. */
sealed interface Unit permits MemoryUnit, EpisodeUnit {

  /** The key the unit is fused under: a memory and a message are never the same unit. */
  String key();

  /** When what it says happened: the decay of recency starts there. */
  Instant eventTime();

  /** Its importance, 0 to 1. */
  double importance();
}
