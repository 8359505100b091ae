package dev.engram.server.http;

/** Who may call a route. */
public enum Access {
  /** Anyone, no key: health, readiness, metrics, the API docs. */
  PUBLIC,
  /** A tenant key; the route works in the key's tenant. */
  TENANT,
  /** The admin key. */
  ADMIN,
  /** Any valid key, admin or tenant: for a client that must learn which kind it was given. */
  ANY
}
