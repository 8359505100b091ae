/** Knowledge retrieval: BM25, vector and hybrid search with fusion, returning cited hits. */
package dev.engram.retrieval;
