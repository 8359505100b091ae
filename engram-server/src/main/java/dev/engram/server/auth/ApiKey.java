package dev.engram.server.auth;

import dev.engram.common.Checks;
import java.time.Instant;

/**
 * A stored tenant key: never the key itself, only its SHA-256 (hex). A key is 32 random bytes, so
 * an unsalted fast hash is enough: there is no dictionary to try.
 *
 * @param id the public id, for listing and revoking
 * @param tenant the tenant it grants
 * @param name what the admin called it
 * @param createdAt when it was created
 * @param sha256 the hex SHA-256 of the key
 */
public record ApiKey(String id, String tenant, String name, Instant createdAt, String sha256) {
  public ApiKey {
    Checks.notBlank(id, "id");
    Checks.notBlank(tenant, "tenant");
    Checks.notNull(name, "name");
    Checks.notNull(createdAt, "createdAt");
    Checks.notBlank(sha256, "sha256");
  }
}
