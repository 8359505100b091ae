/**
 * Extraction: turns remembered messages into candidate memories (facts, preferences, events,
 * feedback) with kind, importance, event time and provenance. {@link
 * dev.engram.memory.extract.Extractor} is the seam; {@link dev.engram.memory.extract.RuleExtractor}
 * is the default that needs no model.
 */
package dev.engram.memory.extract;
