package dev.engram.server.auth;

import dev.engram.common.Checks;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.Revision;
import dev.engram.index.WriteBatch;
import dev.engram.index.WriteConflictException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of servers that share one index (a remote cluster): one record per key in the
 * collection {@value #COLLECTION}, its id derived from the key's hash, so authenticating is one
 * read by id, made on every request. There is no cache: a key added on one server is found by the
 * next request to any other, and a revoked one is refused by the next request anywhere. Looking
 * a record up by the hash of a presented key tells an attacker nothing (finding a key from a
 * hash prefix is as hard as inverting SHA-256), and the hash read back is still compared in
 * constant time.
 */
public final class IndexKeyStore implements KeyStore {
  static final String COLLECTION = "server-keys";
  private static final String KIND = "kind";
  private static final String KEY_ID = "key_id";
  private static final String TENANT = "tenant";
  private static final String NAME = "name";
  private static final String SHA256 = "sha256";
  private static final String CREATED = "created";
  private static final String ADMIN_ID = "admin";
  /** The guard that makes storing the generated admin key a put-if-absent across servers. */
  private static final String ADMIN_GUARD = "server-admin-key";
  private static final int MAX_KEYS = 100_000;

  private final Index index;
  private final Collection keys;

  public IndexKeyStore(Index index) {
    this.index = Checks.notNull(index, "index");
    this.keys = index.collection(COLLECTION);
  }

  @Override
  public String adminSha256(String generated) {
    Checks.notBlank(generated, "generated");
    for (int attempt = 0; attempt < 3; attempt++) {
      Revision read = index.revision(ADMIN_GUARD);
      Optional<String> stored = keys.get(ADMIN_ID).flatMap(r -> r.keyword(SHA256));
      if (stored.isPresent()) {
        return stored.get();
      }
      try {
        index.write(WriteBatch.builder().upsert(COLLECTION, new IndexRecord(ADMIN_ID, "",
            new float[0], Map.of(KIND, List.of(ADMIN_ID), SHA256, List.of(generated)), Map.of()))
            .build().guarded(ADMIN_GUARD, read));
        return generated;
      } catch (WriteConflictException e) {
        // Another server stored its admin key first: read that one.
      }
    }
    return keys.get(ADMIN_ID).flatMap(r -> r.keyword(SHA256)).orElseThrow();
  }

  @Override
  public Optional<ApiKey> find(byte[] sha256) {
    String hex = HexFormat.of().formatHex(sha256);
    return keys.get(recordId(hex)).map(IndexKeyStore::fromRecord)
        .filter(k -> MessageDigest.isEqual(sha256, HexFormat.of().parseHex(k.sha256())));
  }

  @Override
  public List<ApiKey> list() {
    return keys.list(Filter.eq(KIND, "key"), MAX_KEYS).stream().map(IndexKeyStore::fromRecord)
        .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id)).toList();
  }

  @Override
  public void add(ApiKey key) {
    index.write(WriteBatch.builder().upsert(COLLECTION, new IndexRecord(recordId(key.sha256()), "",
        new float[0], Map.of(KIND, List.of("key"), KEY_ID, List.of(key.id()),
            TENANT, List.of(key.tenant()), NAME, List.of(key.name()), SHA256, List.of(key.sha256())),
        Map.of(CREATED, key.createdAt().toEpochMilli()))).build());
  }

  @Override
  public boolean remove(String id) {
    List<String> ids = keys.list(Filter.eq(KIND, "key").and(KEY_ID, id), 10).stream()
        .map(IndexRecord::id).toList();
    if (ids.isEmpty()) {
      return false;
    }
    index.write(WriteBatch.builder().deleteIds(COLLECTION, ids).build());
    return true;
  }

  private static String recordId(String sha256Hex) {
    return "key-" + sha256Hex;
  }

  private static ApiKey fromRecord(IndexRecord r) {
    return new ApiKey(r.keyword(KEY_ID).orElseThrow(), r.keyword(TENANT).orElseThrow(),
        r.keyword(NAME).orElse(""), Instant.ofEpochMilli(r.longValue(CREATED).orElse(0L)),
        r.keyword(SHA256).orElseThrow());
  }
}
