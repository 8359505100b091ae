package dev.engram.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.common.StorageException;
import dev.engram.index.IndexRecord;
import dev.engram.index.Revision;
import dev.engram.index.WriteBatch;
import dev.engram.index.WriteConflictException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * Guard keys on OpenSearch, one document per key in {@code PREFIX.guards}, whose {@code
 * _primary_term} and {@code _seq_no} are the key's {@link Revision}. A guarded batch commits by
 * one conditional write of that document ({@code if_seq_no}/{@code if_primary_term}, or {@code
 * op_type=create} for a new key) that also journals the batch's final record states; only then
 * are the states written with {@code _bulk}, and the journal cleared. So:
 *
 * <ul>
 *   <li>two servers that planned on one revision cannot both commit: the second gets 409 and
 *       {@link WriteConflictException};
 *   <li>a server that dies after committing leaves its batch journaled: the next reader of the
 *       key (or the next open of the index) applies it, so a committed batch is never left half
 *       written;
 *   <li>a reader never plans on a half-applied batch: {@link #revision} first waits for (or
 *       completes) a journaled one.
 * </ul>
 *
 * <p>Records are written with {@code version_type=external_gte} at {@link #VERSION_BASE} plus the
 * commit's sequence number, which grows with every commit of the index: applying a journal twice
 * (its writer and a reader completing it) writes the same states, and a late copy of an older
 * batch can never overwrite a newer one. A delete's tombstone holds its version for {@code
 * index.gc_deletes} (60 s), the bound on how late a stale copy may arrive.
 */
final class Guards {
  /**
   * Above any version a record reached by plain (internal) writes before it was first guarded,
   * so a guarded write is never refused as older than it.
   */
  static final long VERSION_BASE = 1L << 40;
  /**
   * How long a reader waits for a journaled batch's own writer to finish before completing it
   * (not measured; chosen by hand): completing early is safe (the versions make it idempotent)
   * but duplicates the writer's work, and waiting longer only delays the readers of a key whose
   * writer died.
   */
  private static final long GRACE_MILLIS = 2_000;
  private static final long POLL_MILLIS = 20;
  private static final String PENDING = "pending";
  private static final String SINCE = "since";
  private static final String STATES = "states";

  /** Writes the final states of a batch at one version (see {@link OpenSearchIndex}). */
  @FunctionalInterface
  interface Applier {
    void apply(List<State> states, long version);
  }

  /** The final state of one record: its content, or empty when it is deleted. */
  record State(String collection, String id, Optional<IndexRecord> record) {}

  private final Endpoint endpoint;
  private final OpenSearchClient client;
  private final ObjectMapper json;
  private final String index;
  private final Applier applier;
  private final Clock clock;

  Guards(Endpoint endpoint, OpenSearchClient client, ObjectMapper json, Applier applier,
      Clock clock) {
    this.endpoint = endpoint;
    this.client = client;
    this.json = json;
    this.index = endpoint.prefix() + ".guards";
    this.applier = applier;
    this.clock = clock;
  }

  /** The index holding the guard documents. */
  String index() {
    return index;
  }

  /** The key's revision, after any journaled batch of it has been applied. */
  Revision revision(String key) {
    long waitedSince = clock.millis();
    while (true) {
      Optional<Doc> doc = get(key);
      if (doc.isEmpty()) {
        return Revision.NONE;
      }
      ObjectNode source = doc.get().source();
      if (!source.path(PENDING).asBoolean(false)) {
        return doc.get().revision();
      }
      long age = clock.millis() - source.path(SINCE).asLong(0);
      if (age >= GRACE_MILLIS || clock.millis() - waitedSince >= GRACE_MILLIS) {
        complete(key, doc.get());
      } else {
        sleep();
      }
    }
  }

  /**
   * Commits a guarded batch's final states, applies them and clears the journal.
   *
   * @throws WriteConflictException when the key moved on since the batch's writer read it
   */
  void write(WriteBatch.Guard guard, List<State> states) {
    ObjectNode journal = json.createObjectNode();
    journal.put(PENDING, true);
    journal.put(SINCE, clock.millis());
    ArrayNode list = journal.putArray(STATES);
    for (State s : states) {
      ObjectNode item = list.addObject().put("c", s.collection()).put("id", s.id());
      s.record().ifPresent(r -> item.set("doc", Documents.toSource(json, r)));
    }
    Written committed = commit(guard, journal);
    applier.apply(states, VERSION_BASE + committed.seqNo());
    clear(guard.key(), committed.seqNo(), committed.primaryTerm());
  }

  /** Applies every journaled batch older than the grace time (a server died after committing). */
  void completeAbandoned() {
    SearchResponse<ObjectNode> pending;
    try {
      // The guard index refreshes only on demand (its reads are real-time gets): make every
      // journal searchable first.
      send("POST", "/" + index + "/_refresh", null);
      pending = client.search(s -> s.index(index).ignoreUnavailable(true).size(1000)
          .query(q -> q.term(t -> t.field(PENDING).value(v -> v.booleanValue(true)))),
          ObjectNode.class);
    } catch (OpenSearchException e) {
      if (e.status() == 404) {
        return;
      }
      throw new StorageException("OpenSearch at " + endpoint.url()
          + " refused to list unfinished batches: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StorageException("Cannot list unfinished batches on " + endpoint.url() + ": "
          + e.getMessage(), e);
    }
    for (var hit : pending.hits().hits()) {
      revision(hit.id()); // waits out the grace time, then completes it
    }
  }

  private void complete(String key, Doc doc) {
    List<State> states = new ArrayList<>();
    for (JsonNode item : doc.source().path(STATES)) {
      JsonNode d = item.get("doc");
      states.add(new State(item.path("c").asText(), item.path("id").asText(),
          d == null ? Optional.empty() : Optional.of(Documents.toRecord(d))));
    }
    applier.apply(states, VERSION_BASE + doc.revision().sequence());
    clear(key, doc.revision().sequence(), doc.revision().term());
  }

  /** A guard document as read: its revision and {@code _source}. */
  private record Doc(Revision revision, ObjectNode source) {}

  /** The sequence number and term a write of a guard document got. */
  private record Written(long seqNo, long primaryTerm) {}

  private Written commit(WriteBatch.Guard guard, ObjectNode journal) {
    Revision expected = guard.expected();
    String path = "/" + index + "/_doc/" + guard.key() + (expected.equals(Revision.NONE)
        ? "?op_type=create"
        : "?if_seq_no=" + expected.sequence() + "&if_primary_term=" + expected.term());
    Reply reply;
    try {
      reply = send("PUT", path, journal);
    } catch (IOException e) {
      throw new StorageException("ENGRAM-972", "Cannot commit a batch of " + guard.key() + " on "
          + endpoint.url() + " (" + e.getMessage() + "): it may or may not have been committed;"
          + " read again before retrying");
    }
    if (reply.status() == 409) {
      throw new WriteConflictException(guard.key(), expected,
          get(guard.key()).map(Doc::revision).orElse(Revision.NONE));
    }
    if (reply.status() / 100 != 2) {
      throw new StorageException("ENGRAM-500", "OpenSearch at " + endpoint.url()
          + " refused to commit a batch of " + guard.key() + ": " + reply.body());
    }
    return new Written(reply.body().path("_seq_no").asLong(), reply.body().path("_primary_term").asLong());
  }

  /** Marks the journal done; a 409 means a reader completed and cleared it first. */
  private void clear(String key, long seqNo, long primaryTerm) {
    ObjectNode done = json.createObjectNode().put(PENDING, false).put(SINCE, clock.millis());
    try {
      Reply reply = send("PUT", "/" + index + "/_doc/" + key + "?if_seq_no=" + seqNo
          + "&if_primary_term=" + primaryTerm, done);
      if (reply.status() / 100 != 2 && reply.status() != 409) {
        throw new StorageException("ENGRAM-500", "OpenSearch at " + endpoint.url()
            + " refused to finish a batch of " + key + ": " + reply.body());
      }
    } catch (IOException e) {
      // The batch is applied; the next reader of the key finds the journal and clears it.
    }
  }

  private Optional<Doc> get(String key) {
    Reply reply;
    try {
      reply = send("GET", "/" + index + "/_doc/" + key, null);
    } catch (IOException e) {
      throw new StorageException("Cannot read guard " + key + " on " + endpoint.url() + ": "
          + e.getMessage() + ". Is it running?", e);
    }
    if (reply.status() == 404) {
      return Optional.empty(); // no such key, or no guard index yet
    }
    if (reply.status() / 100 != 2) {
      throw new StorageException("ENGRAM-500", "OpenSearch at " + endpoint.url()
          + " refused to read guard " + key + ": " + reply.body());
    }
    JsonNode body = reply.body();
    return Optional.of(new Doc(new Revision(body.path("_primary_term").asLong(),
        body.path("_seq_no").asLong()), (ObjectNode) body.path("_source")));
  }

  private record Reply(int status, JsonNode body) {}

  private Reply send(String method, String path, ObjectNode body) throws IOException {
    var request = Requests.builder().method(method).endpoint(path);
    if (body != null) {
      request.json(json.writeValueAsString(body));
    }
    try (Response response = client.generic().execute(request.build())) {
      Optional<Body> b = response.getBody();
      JsonNode tree = json.createObjectNode();
      if (b.isPresent()) {
        try (Body content = b.get()) {
          tree = json.readTree(content.bodyAsBytes());
        }
      }
      return new Reply(response.getStatus(), tree);
    } catch (ResponseException e) {
      // The transport throws for statuses it treats as failures (409 among them).
      return new Reply(e.status(), json.createObjectNode().put("error", e.getMessage()));
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("ENGRAM-972", "interrupted while waiting for a batch to finish");
    }
  }
}
