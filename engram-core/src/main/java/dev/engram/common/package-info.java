/**
 * What every package of Engram shares: argument checks, the exception hierarchy, the {@link
 * dev.engram.common.Scope} every read and write carries, and the {@link
 * dev.engram.common.VectorSpace} that the index and the embedder agree on, the dot product of
 * vectors ({@link dev.engram.common.Vectors}) and SHA-256 ({@link dev.engram.common.Hashes}). It
 * imports no other Engram package.
 */
package dev.engram.common;
