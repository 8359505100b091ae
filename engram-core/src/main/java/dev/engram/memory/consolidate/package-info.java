/**
 * Consolidation: decides, for each extracted candidate, whether it is already known (NOOP),
 * refines a known memory (UPDATE), contradicts one (SUPERSEDE) or is new (ADD). {@link
 * dev.engram.memory.consolidate.Consolidator} is the seam; {@link
 * dev.engram.memory.consolidate.RuleConsolidator} the default.
 */
package dev.engram.memory.consolidate;
