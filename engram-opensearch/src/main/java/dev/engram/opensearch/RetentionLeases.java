package dev.engram.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.common.StorageException;
import java.time.Duration;
import java.util.Iterator;

/**
 * Waits until no shard copy retains the history of deleted documents. OpenSearch keeps deleted
 * documents (soft deletes, with their {@code _source}) that a retention lease may still need for
 * replica recovery, and a merge keeps them too; a shard's leases move past its latest operation
 * only at the next background lease sync (every 30 s by default, not an index setting). Measured
 * on a one-node cluster: a force merge right after {@code _delete_by_query} left all 20 deleted
 * documents in place; after the lease moved, it left none.
 */
final class RetentionLeases {
  /** How long to wait: one lease sync is 30 s; a replica that is down holds its lease for 12 h. */
  static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(500);

  private RetentionLeases() {}

  /** Returns once every lease of every shard copy of {@code indexes} retains nothing up to now. */
  static void awaitReleased(String indexes, Stats stats) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String held = "";
    while (System.nanoTime() < deadline) {
      held = heldBy(stats.get("/" + indexes + "/_stats?level=shards&filter_path="
          + "indices.*.shards.*.seq_no.max_seq_no,indices.*.shards.*.retention_leases.leases"));
      if (held.isEmpty()) {
        return;
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("ENGRAM-500", "Interrupted while waiting to purge deleted records");
      }
    }
    throw new StorageException("ENGRAM-500", "Deleted records cannot be purged yet: " + held
        + " still retains them after " + WAIT.toSeconds() + " s (a replica that is down keeps its"
        + " retention lease for index.soft_deletes.retention_lease.period, 12 h by default)."
        + " The records are deleted and in no search; run the erase again to purge them.");
  }

  /** A shard whose lease retains operations, or empty when none does. */
  static String heldBy(JsonNode stats) {
    for (Iterator<java.util.Map.Entry<String, JsonNode>> indices = stats.path("indices").fields();
        indices.hasNext(); ) {
      var index = indices.next();
      for (Iterator<java.util.Map.Entry<String, JsonNode>> shards = index.getValue().path("shards")
          .fields(); shards.hasNext(); ) {
        var shard = shards.next();
        for (JsonNode copy : shard.getValue()) {
          long max = copy.path("seq_no").path("max_seq_no").asLong(-1);
          for (JsonNode lease : copy.path("retention_leases").path("leases")) {
            if (lease.path("retaining_seq_no").asLong(Long.MAX_VALUE) <= max) {
              return "shard " + shard.getKey() + " of " + index.getKey();
            }
          }
        }
      }
    }
    return "";
  }

  /** Reads a stats endpoint as JSON. */
  @FunctionalInterface
  interface Stats {
    JsonNode get(String path);
  }
}
