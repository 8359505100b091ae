package dev.engram.server.auth;

import java.util.Optional;

/**
 * Who sent a request: the admin, or a tenant through one of its keys.
 *
 * @param keyId the id of the key used (never the key itself)
 * @param tenant the tenant every operation is scoped to; empty for the admin
 */
public record Caller(String keyId, Optional<String> tenant) {
  public static final String ADMIN_ID = "admin";

  public static Caller admin() {
    return new Caller(ADMIN_ID, Optional.empty());
  }

  public boolean isAdmin() {
    return tenant.isEmpty();
  }
}
