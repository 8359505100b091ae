/** Benchmarks of the Lucene index that print figures; run from the command line, not as tests. */
package dev.engram.lucene.bench;
