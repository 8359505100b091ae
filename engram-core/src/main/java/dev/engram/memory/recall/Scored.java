package dev.engram.memory.recall;

import dev.engram.memory.model.Scores;

/** A unit with its score components, as {@link RecallScorer} ranks it. */
record Scored(Unit unit, Scores scores) {}
