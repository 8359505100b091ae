package dev.engram.index;

/**
 * A capability of indexes that several processes read and write at once (a remote cluster such
 * as OpenSearch), as opposed to an embedded index only its own process writes. A server on a
 * shared index keeps its own state (API keys) in the index too, so that every server behind a
 * load balancer sees the same state at once.
 */
public interface SharedIndex {}
