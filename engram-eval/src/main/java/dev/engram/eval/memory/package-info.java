/**
 * Memory evaluation on LoCoMo: remember each conversation, recall for each question, and measure
 * evidence recall at k and within a token budget, remember throughput and recall latency.
 */
package dev.engram.eval.memory;
