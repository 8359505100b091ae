/**
 * End-to-end question answering on LoCoMo, scored as in the Mem0 paper: recall a context within a
 * token budget, let a chat model answer in a few words, and score the answer with an LLM judge (J,
 * the share judged CORRECT) and token F1 against the gold answer, per category and overall.
 */
package dev.engram.eval.answer;
