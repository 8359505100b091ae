package dev.engram.server.auth;

import com.fasterxml.jackson.core.JacksonException;
import dev.engram.common.StorageException;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a server on an embedded index: {@code DATA/server/keys.json}, a file only its owner
 * can read (POSIX 600, in a 700 folder). Changes are serialised and written atomically; lookups
 * read an immutable snapshot and compare the presented hash with every stored one, matched or
 * not, so the time taken says nothing about which matched.
 */
public final class FileKeyStore implements KeyStore {
  private final Path file;
  private String adminSha256;
  private volatile List<ApiKey> keys;

  private FileKeyStore(Path file, Stored stored) {
    this.file = file;
    this.adminSha256 = stored.adminSha256() == null ? "" : stored.adminSha256();
    this.keys = stored.keys();
  }

  /**
   * Opens (or creates) the key file in {@code dataDir}.
   *
   * @throws StorageException when the file is corrupt or cannot be written
   */
  public static FileKeyStore open(Path dataDir) {
    Path file = dataDir.resolve("server").resolve("keys.json");
    FileKeyStore store = new FileKeyStore(file, read(file));
    store.store();
    return store;
  }

  @Override
  public synchronized String adminSha256(String generated) {
    if (adminSha256.isBlank()) {
      adminSha256 = generated;
      store();
    }
    return adminSha256;
  }

  @Override
  public Optional<ApiKey> find(byte[] sha256) {
    ApiKey found = null;
    for (ApiKey k : keys) {
      if (MessageDigest.isEqual(sha256, HexFormat.of().parseHex(k.sha256())) && found == null) {
        found = k;
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public List<ApiKey> list() {
    return keys;
  }

  @Override
  public synchronized void add(ApiKey key) {
    List<ApiKey> next = new ArrayList<>(keys);
    next.add(key);
    keys = List.copyOf(next);
    store();
  }

  @Override
  public synchronized boolean remove(String id) {
    List<ApiKey> next = new ArrayList<>(keys);
    if (!next.removeIf(k -> k.id().equals(id))) {
      return false;
    }
    keys = List.copyOf(next);
    store();
    return true;
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
      Files.write(tmp, Json.write(new Stored(adminSha256, keys)));
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
}
