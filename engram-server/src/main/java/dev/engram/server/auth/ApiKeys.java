package dev.engram.server.auth;

import com.fasterxml.jackson.core.JacksonException;
import dev.engram.common.Checks;
import dev.engram.common.Hashes;
import dev.engram.common.Scope;
import dev.engram.common.StorageException;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API keys of a server: one admin key and any number of tenant keys, kept as SHA-256 hashes
 * in {@code DATA/server/keys.json}, a file only its owner can read (POSIX 600, in a 700 folder).
 * A presented key is hashed and compared with every stored hash in constant time, so neither the
 * answer nor its timing says how much of a guess was right. Thread-safe: changes are serialised
 * and written atomically; lookups read an immutable snapshot, so a revoke holds from the next
 * request on.
 */
public final class ApiKeys {
  private static final String TENANT_PREFIX = "ek_";
  private static final String ADMIN_PREFIX = "ek_admin_";

  private final Path file;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final byte[] adminHash;
  /** The hash of the generated admin key, kept in the file; empty when there is none. */
  private final String storedAdmin;
  private volatile List<ApiKey> keys;

  private ApiKeys(Path file, Clock clock, byte[] adminHash, List<ApiKey> keys,
      String storedAdmin) {
    this.storedAdmin = storedAdmin;
    this.file = file;
    this.clock = clock;
    this.adminHash = adminHash;
    this.keys = List.copyOf(keys);
  }

  /** The stored key file and what {@link #open} did about the admin key. */
  public record Opened(ApiKeys keys, Optional<String> newAdminKey) {}

  /**
   * Opens (or creates) the key file in {@code dataDir}. The admin key is {@code adminKey} when
   * given (never stored); else the stored one; else a new one, stored hashed and returned once in
   * {@link Opened#newAdminKey()} for the caller to print.
   */
  public static Opened open(Path dataDir, Optional<String> adminKey, Clock clock) {
    Path file = dataDir.resolve("server").resolve("keys.json");
    Stored stored = read(file);
    String storedAdmin = stored.adminSha256() == null ? "" : stored.adminSha256();
    Optional<String> created = Optional.empty();
    if (adminKey.isEmpty() && storedAdmin.isBlank()) {
      String key = ADMIN_PREFIX + secret(new SecureRandom());
      created = Optional.of(key);
      storedAdmin = hex(sha256(key));
    }
    // A key from the environment wins over the stored one and is never written down.
    String adminSha = adminKey.map(k -> hex(sha256(Checks.notBlank(k, "adminKey"))))
        .orElse(storedAdmin);
    ApiKeys keys = new ApiKeys(file, clock, HexFormat.of().parseHex(adminSha), stored.keys(),
        storedAdmin);
    keys.store();
    return new Opened(keys, created);
  }

  /**
   * The caller a presented key belongs to.
   *
   * @throws ApiException 401 when the key is unknown or revoked
   */
  public Caller authenticate(String presented) {
    byte[] hash = sha256(presented);
    // Compare with every key, matched or not: the time taken says nothing about which matched.
    boolean admin = MessageDigest.isEqual(hash, adminHash);
    ApiKey found = null;
    for (ApiKey k : keys) {
      if (MessageDigest.isEqual(hash, HexFormat.of().parseHex(k.sha256())) && found == null) {
        found = k;
      }
    }
    if (admin) {
      return Caller.admin();
    }
    if (found == null) {
      throw new ApiException(401, ErrorCodes.BAD_KEY,
          "the API key is not valid (unknown or revoked): ask the admin for a key");
    }
    return new Caller(found.id(), Optional.of(found.tenant()));
  }

  /** Creates a key for {@code tenant}; the returned secret is shown only this once. */
  public synchronized Created create(String tenant, String name) {
    Scope.ofTenant(tenant); // the same rule for tenant ids as everywhere else (ENGRAM-300)
    String key = TENANT_PREFIX + secret(random);
    ApiKey k = new ApiKey("key_" + HexFormat.of().formatHex(bytes(random, 8)), tenant, name,
        clock.instant(), hex(sha256(key)));
    List<ApiKey> next = new ArrayList<>(keys);
    next.add(k);
    keys = List.copyOf(next);
    store();
    return new Created(k, key);
  }

  /** A new key and its secret. */
  public record Created(ApiKey key, String secret) {}

  /** The tenant keys, oldest first, without secrets. */
  public List<ApiKey> list() {
    return keys;
  }

  /**
   * Revokes a key at once.
   *
   * @throws ApiException 404 when there is no key with this id
   */
  public synchronized void revoke(String id) {
    List<ApiKey> next = new ArrayList<>(keys);
    if (!next.removeIf(k -> k.id().equals(id))) {
      throw new ApiException(404, ErrorCodes.UNKNOWN_KEY, "no API key with id '" + id + "'");
    }
    keys = List.copyOf(next);
    store();
  }

  /** The file's content. {@code adminSha256} is empty when the admin key comes from the environment. */
  record Stored(String adminSha256, List<ApiKey> keys) {
    Stored {
      keys = keys == null ? List.of() : List.copyOf(keys);
    }
  }

  private synchronized void store() {
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (posix) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      Path tmp = dir.resolve("keys.json.tmp");
      Files.deleteIfExists(tmp);
      if (posix) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      }
      Files.write(tmp, Json.write(new Stored(storedAdmin, keys)));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new StorageException("cannot write the key file " + file + " (" + e
          + "); check the data directory's permissions", e);
    }
  }

  private static Stored read(Path file) {
    if (!Files.exists(file)) {
      return new Stored("", List.of());
    }
    try {
      return Json.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
    } catch (JacksonException e) {
      throw new StorageException("the key file " + file + " is corrupt ("
          + e.getOriginalMessage() + "); restore it from a backup or remove it to start over", e);
    } catch (IOException e) {
      throw new StorageException("cannot read the key file " + file + " (" + e + ")", e);
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
