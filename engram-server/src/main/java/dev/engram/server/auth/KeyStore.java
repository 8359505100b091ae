package dev.engram.server.auth;

import java.util.List;
import java.util.Optional;

/**
 * Where a server keeps its API keys, as SHA-256 hashes only: a file beside an embedded index
 * ({@link FileKeyStore}), or the index itself when several servers share it ({@link
 * IndexKeyStore}), so that a key created on one server works on every other at once and a
 * revoked one stops at once. Five methods rather than three: the admin key, lookup, list, add and
 * remove are the whole of what {@link ApiKeys} needs, and none is optional.
 */
public interface KeyStore {

  /**
   * The stored hash of the generated admin key; when none is stored, stores {@code generated}
   * and returns it, so that servers opening at once agree on one admin key.
   */
  String adminSha256(String generated);

  /**
   * The tenant key with this SHA-256, if stored; the comparison of hashes takes the same time
   * however much of them matches.
   */
  Optional<ApiKey> find(byte[] sha256);

  /** The tenant keys, oldest first. */
  List<ApiKey> list();

  /** Stores a new tenant key. */
  void add(ApiKey key);

  /** Removes the key with this id; false when there is none. */
  boolean remove(String id);
}
