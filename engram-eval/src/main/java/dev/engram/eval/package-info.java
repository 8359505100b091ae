/** Evaluation: ranking metrics as trec_eval defines them, BEIR datasets, retrieval evaluation. */
package dev.engram.eval;
