package dev.engram.retrieval;

import dev.engram.index.IndexRecord;

/** A record on its way through fusion, with what each retriever said of it. */
record Candidate(IndexRecord record, Scores scores) {}
