/**
 * What every package of Engram shares: argument checks, the exception hierarchy, the {@link
 * dev.engram.common.Scope} every read and write carries, and the {@link
 * dev.engram.common.VectorSpace} that the index and the embedder agree on. It imports no other
 * Engram package.
 */
package dev.engram.common;
