/**
 * The OpenSearch implementation of the index seam: Engram's collections as OpenSearch indexes
 * (BM25 with the english analyzer, k-NN on the lucene engine), for corpora and traffic beyond
 * one machine. Fusion stays in engram-core, so quality does not depend on the backend.
 */
package dev.engram.opensearch;
