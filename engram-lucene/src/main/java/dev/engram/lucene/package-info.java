/**
 * Apache Lucene 10 implementation of the index seam: one Lucene index per collection, BM25 over
 * English-analysed text, HNSW over cosine vectors, keyword and long filters, fsync'd commits.
 */
package dev.engram.lucene;
