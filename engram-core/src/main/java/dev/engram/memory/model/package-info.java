/**
 * The records of long-term memory: messages and episodes, memories and their history, decisions
 * and recall results. The memory pipeline's steps (extract, consolidate, recall, store) import
 * these; the orchestration in {@code dev.engram.memory} imports the steps.
 */
package dev.engram.memory.model;
