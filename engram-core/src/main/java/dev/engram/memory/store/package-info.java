/**
 * Storage of memory data on the index seam: the episode log ({@value
 * dev.engram.memory.store.Fields#EPISODES}), memories ({@value dev.engram.memory.store.Fields#MEMORIES})
 * and their append-only history ({@value dev.engram.memory.store.Fields#HISTORY}), each record
 * tagged with its scope so every read can filter on tenant first.
 */
package dev.engram.memory.store;
