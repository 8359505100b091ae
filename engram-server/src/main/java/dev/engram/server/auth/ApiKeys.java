package dev.engram.server.auth;

import dev.engram.common.Checks;
import dev.engram.common.Hashes;
import dev.engram.common.Scope;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.ErrorCodes;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API keys of a server: one admin key and any number of tenant keys, kept as SHA-256 hashes
 * in a {@link KeyStore}: {@code DATA/server/keys.json} beside an embedded index, the index itself
 * when several servers share it. A presented key is hashed and compared with the stored hashes
 * in constant time, so neither the answer nor its timing says how much of a guess was right.
 * Thread-safe; a revoke holds from the next request on, on every server of the store.
 */
public final class ApiKeys {
  private static final String TENANT_PREFIX = "ek_";
  private static final String ADMIN_PREFIX = "ek_admin_";

  private final KeyStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final byte[] adminHash;

  private ApiKeys(KeyStore store, Clock clock, byte[] adminHash) {
    this.store = store;
    this.clock = clock;
    this.adminHash = adminHash;
  }

  /** The opened keys and what {@link #open} did about the admin key. */
  public record Opened(ApiKeys keys, Optional<String> newAdminKey) {}

  /** Opens (or creates) the key file in {@code dataDir}: {@link #open(KeyStore, Optional, Clock)}. */
  public static Opened open(Path dataDir, Optional<String> adminKey, Clock clock) {
    return open(FileKeyStore.open(dataDir), adminKey, clock);
  }

  /**
   * Opens the keys of {@code store}. The admin key is {@code adminKey} when given (never
   * stored); else the stored one; else a new one, stored hashed and returned once in {@link
   * Opened#newAdminKey()} for the caller to print.
   */
  public static Opened open(KeyStore store, Optional<String> adminKey, Clock clock) {
    Checks.notNull(store, "store");
    if (adminKey.isPresent()) {
      // A key from the environment wins over the stored one and is never written down.
      return new Opened(new ApiKeys(store, clock, sha256(Checks.notBlank(adminKey.get(), "adminKey"))),
          Optional.empty());
    }
    String key = ADMIN_PREFIX + secret(new SecureRandom());
    String generated = hex(sha256(key));
    String stored = store.adminSha256(generated);
    return new Opened(new ApiKeys(store, clock, HexFormat.of().parseHex(stored)),
        stored.equals(generated) ? Optional.of(key) : Optional.empty());
  }

  /**
   * The caller a presented key belongs to.
   *
   * @throws ApiException 401 when the key is unknown or revoked
   */
  public Caller authenticate(String presented) {
    byte[] hash = sha256(presented);
    // Compare with the admin key and the tenant keys, matched or not: the time taken says
    // nothing about which matched.
    boolean admin = MessageDigest.isEqual(hash, adminHash);
    Optional<ApiKey> found = store.find(hash);
    if (admin) {
      return Caller.admin();
    }
    if (found.isEmpty()) {
      throw new ApiException(401, ErrorCodes.BAD_KEY,
          "the API key is not valid (unknown or revoked): ask the admin for a key");
    }
    return new Caller(found.get().id(), Optional.of(found.get().tenant()));
  }

  /** Creates a key for {@code tenant}; the returned secret is shown only this once. */
  public Created create(String tenant, String name) {
    Scope.ofTenant(tenant); // the same rule for tenant ids as everywhere else (ENGRAM-300)
    String key = TENANT_PREFIX + secret(random);
    ApiKey k = new ApiKey("key_" + HexFormat.of().formatHex(bytes(random, 8)), tenant, name,
        clock.instant(), hex(sha256(key)));
    store.add(k);
    return new Created(k, key);
  }

  /** A new key and its secret. */
  public record Created(ApiKey key, String secret) {}

  /** The tenant keys, oldest first, without secrets. */
  public List<ApiKey> list() {
    return store.list();
  }

  /**
   * Revokes a key at once.
   *
   * @throws ApiException 404 when there is no key with this id
   */
  public void revoke(String id) {
    if (!store.remove(id)) {
      throw new ApiException(404, ErrorCodes.UNKNOWN_KEY, "no API key with id '" + id + "'");
    }
  }

  private static String secret(SecureRandom random) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, 32));
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] sha256(String key) {
    return Hashes.sha256(key);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
