package dev.engram.opensearch;

import dev.engram.common.Vectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.common.Checks;
import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexRecord;
import dev.engram.index.PhysicalErase;
import dev.engram.index.Revision;
import dev.engram.index.SharedIndex;
import dev.engram.index.WriteBatch;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The index seam on an OpenSearch cluster: each collection is an OpenSearch index named {@code
 * PREFIX-COLLECTION} (see {@link Mappings}), and {@code PREFIX.meta} records the vector space,
 * refusing a model other than the one the vectors were made with (ENGRAM-501).
 *
 * <p>A {@link #write} is one {@code _bulk} request of the final state of every record the batch
 * touches ({@link BatchPlan}), sent with {@code refresh=true} to indexes whose translog is fsync'd
 * per request: when it returns, the batch is durable on every shard copy and visible. A batch of
 * deletes only (erasing a user) runs each delete as {@code _delete_by_query}, in order; {@link
 * #purgeDeleted} then force-merges away the deleted documents.
 *
 * <p>Thread-safe: batches from this process apply one at a time.
 */
public final class OpenSearchIndex implements Index, PhysicalErase, SharedIndex {
  private static final Pattern COLLECTION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final Endpoint endpoint;
  private final VectorSpace space;
  private final boolean readOnly;
  private final OpenSearchClient client;
  private final ObjectMapper json;
  private final Map<String, OpenSearchCollection> collections = new ConcurrentHashMap<>();
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  /** Collection indexes whose mapping this process created or brought up to date. */
  private final Set<String> mapped = ConcurrentHashMap.newKeySet();
  private final ReentrantLock writes = new ReentrantLock();
  private final Guards guards;
  private boolean closed;

  private OpenSearchIndex(Endpoint endpoint, VectorSpace space, boolean readOnly,
      OpenSearchClient client, ObjectMapper json) {
    this.endpoint = endpoint;
    this.space = space;
    this.readOnly = readOnly;
    this.client = client;
    this.json = json;
    this.guards = new Guards(endpoint, client, json, this::applyGuarded, Clock.systemUTC());
  }

  /**
   * Connects to the cluster of {@code config} and claims (or checks) its vector space.
   *
   * @throws dev.engram.common.InvalidInputException ENGRAM-510 when the URI is malformed
   * @throws StorageException ENGRAM-501 when the indexes hold vectors of another model; ENGRAM-500
   *     when the cluster cannot be reached
   */
  public static OpenSearchIndex open(IndexConfig config) {
    Checks.notNull(config, "config");
    Endpoint endpoint = Endpoint.of(config);
    ObjectMapper json = new ObjectMapper();
    OpenSearchClient client = Clients.connect(endpoint, json);
    OpenSearchIndex index = new OpenSearchIndex(endpoint, config.space(), config.readOnly(), client,
        json);
    try {
      index.claimSpace();
      if (!index.readOnly) {
        index.ensureGuardIndex();
        index.guards.completeAbandoned();
      }
      return index;
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
  }

  @Override
  public Collection collection(String name) {
    Checks.notBlank(name, "name");
    if (!COLLECTION_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("collection name must match " + COLLECTION_NAME
          + ", got: " + name);
    }
    return collections.computeIfAbsent(name, n -> new OpenSearchCollection(n,
        endpoint.prefix() + "-" + n, client, endpoint, space.dimension()));
  }

  @Override
  public Revision revision(String key) {
    Checks.notBlank(key, "key");
    return guards.revision(key);
  }

  @Override
  public VectorSpace vectorSpace() {
    return space;
  }

  @Override
  public void write(WriteBatch batch) {
    Checks.notNull(batch, "batch");
    ensureWritable();
    if (batch.isEmpty()) {
      return;
    }
    for (WriteBatch.Op op : batch.ops()) {
      if (op instanceof WriteBatch.Upsert u) {
        u.records().forEach(r -> Vectors.checkIndexable(r.vector(), space.dimension(), "record " + r.id()));
      }
    }
    writes.lock();
    try {
      ensureWritable();
      if (batch.guard().isPresent()) {
        BatchPlan plan = BatchPlan.of(batch, (c, f) -> existingIds(c, f));
        plan.writtenCollections().forEach(this::ensureCollectionIndex);
        ensureGuardIndex();
        guards.write(batch.guard().get(), plan.map(e -> new Guards.State(e.getKey().collection(),
            e.getKey().id(), e.getValue())));
      } else if (batch.ops().stream().allMatch(op -> op instanceof WriteBatch.Delete)) {
        batch.ops().forEach(op -> deleteByQuery((WriteBatch.Delete) op));
      } else {
        BatchPlan plan = BatchPlan.of(batch, (c, f) -> existingIds(c, f));
        plan.writtenCollections().forEach(this::ensureCollectionIndex);
        bulk(plan);
      }
    } finally {
      writes.unlock();
    }
  }

  /**
   * Rewrites every segment of Engram's indexes that holds a deleted document ({@code
   * _forcemerge?only_expunge_deletes=true}, which also flushes), so erased records leave no
   * trace in the index files. It first waits (up to {@link RetentionLeases#WAIT}) until no
   * retention lease keeps the deleted documents alive, which takes up to 30 s.
   */
  @Override
  public void purgeDeleted() {
    ensureWritable();
    // The guard index too: a cleared journal's old copy holds the texts of its batch.
    String all = endpoint.prefix() + "-*," + metaIndex() + "," + guards.index();
    RetentionLeases.awaitReleased(all, this::getJson);
    Calls.run(endpoint, "purge deleted records", () -> client.indices()
        .forcemerge(f -> f.index(all).onlyExpungeDeletes(true).flush(true)));
    // Searchers still hold the segments the merge replaced, and their files stay on disk until a
    // refresh lets go of them and the next commit deletes them.
    Calls.run(endpoint, "refresh after purging", () -> client.indices().refresh(r -> r.index(all)));
    Calls.run(endpoint, "flush after purging", () -> client.indices()
        .flush(f -> f.index(all).force(true)));
  }

  @Override
  public void close() {
    writes.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      collections.clear();
      client._transport().close();
    } catch (IOException e) {
      throw new StorageException("Cannot close the connection to " + endpoint.url() + ": "
          + e.getMessage(), e);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public String toString() {
    return "OpenSearchIndex[" + endpoint + "]";
  }

  private List<String> existingIds(String collection, Filter filter) {
    return ((OpenSearchCollection) collection(collection)).ids(filter);
  }

  private void bulk(BatchPlan plan) {
    List<BulkOperation> operations = plan.map(e -> {
      String index = ((OpenSearchCollection) collection(e.getKey().collection())).index();
      String id = e.getKey().id();
      Optional<IndexRecord> state = e.getValue();
      return state.isPresent()
          ? BulkOperation.of(o -> o.index(i -> i.index(index).id(id)
              .document(Documents.toSource(json, state.get()))))
          : BulkOperation.of(o -> o.delete(d -> d.index(index).id(id)));
    });
    send(operations, false);
  }

  /**
   * Writes the final states of a guarded batch at {@code version} ({@link Guards}): a record
   * already at a newer version keeps it (its 409 is the newer batch winning, not an error).
   */
  private void applyGuarded(List<Guards.State> states, long version) {
    List<BulkOperation> operations = states.stream().map(s -> {
      String index = ((OpenSearchCollection) collection(s.collection())).index();
      return s.record().isPresent()
          ? BulkOperation.of(o -> o.index(i -> i.index(index).id(s.id())
              .document(Documents.toSource(json, s.record().get()))
              .version(version).versionType(VersionType.ExternalGte)))
          : BulkOperation.of(o -> o.delete(d -> d.index(index).id(s.id())
              .version(version).versionType(VersionType.ExternalGte)));
    }).toList();
    send(operations, true);
  }

  private void send(List<BulkOperation> operations, boolean newerWins) {
    // Deleting a record of a collection that has no index yet: nothing to do.
    List<BulkOperation> applicable = operations.stream()
        .filter(o -> !o.isDelete() || created.contains(o.delete().index()) || indexExists(o.delete().index()))
        .toList();
    if (applicable.isEmpty()) {
      return;
    }
    BulkResponse response = Calls.run(endpoint, "write a batch", () -> client.bulk(b -> b
        .operations(applicable).refresh(Refresh.True)));
    for (BulkResponseItem item : response.items()) {
      if (item.error() != null
          && !(newerWins && item.error().type().equals("version_conflict_engine_exception"))) {
        throw new StorageException("ENGRAM-500", "OpenSearch at " + endpoint.url() + " refused record '"
            + item.id() + "' of " + item.index() + ": " + item.error().type() + ": "
            + item.error().reason() + ". The other records of the batch were written.");
      }
    }
  }

  private void deleteByQuery(WriteBatch.Delete delete) {
    OpenSearchCollection target = (OpenSearchCollection) collection(delete.collection());
    if (!indexExists(target.index())) {
      return;
    }
    Calls.run(endpoint, "delete from collection '" + delete.collection() + "'",
        () -> client.deleteByQuery(d -> d.index(target.index()).query(Queries.orAll(delete.filter()))
            .refresh(Refresh.True).conflicts(Conflicts.Proceed)));
  }

  private boolean indexExists(String index) {
    boolean exists = Calls.run(endpoint, "look up index " + index,
        () -> client.indices().exists(e -> e.index(index)).value());
    if (exists) {
      created.add(index);
    }
    return exists;
  }

  /**
   * Creates the collection's index, or brings the mapping of one an earlier version created up
   * to date: it gains {@link Documents#HEADER} (a chunk title repeated for BM25), which only
   * records written from then on carry; those already there keep their plain BM25 until they are
   * written again (README, "The OpenSearch backend").
   */
  private void ensureCollectionIndex(String collection) {
    String index = ((OpenSearchCollection) collection(collection)).index();
    if (mapped.contains(index)) {
      return;
    }
    Optional<JsonNode> properties = properties(index);
    if (properties.isEmpty()) {
      createIndex(index, Mappings.collectionIndex(json, space, endpoint));
    } else if (!properties.get().has(Documents.HEADER)) {
      ObjectNode update = json.createObjectNode();
      update.putObject("properties").set(Documents.HEADER, Mappings.header(json));
      try (Response response = generic("PUT", "/" + index + "/_mapping", update)) {
        if (response.getStatus() / 100 != 2) {
          throw new StorageException("ENGRAM-500", "OpenSearch at " + endpoint.url()
              + " refused to add field '" + Documents.HEADER + "' to the mapping of " + index + ": "
              + body(response, "update the mapping of " + index));
        }
      } catch (IOException e) {
        throw new StorageException("Cannot update the mapping of " + index + " on "
            + endpoint.url() + ": " + e.getMessage(), e);
      }
    }
    created.add(index);
    mapped.add(index);
  }

  /** The mapped properties of an index, or empty when there is no such index. */
  private Optional<JsonNode> properties(String index) {
    try (Response response = generic("GET", "/" + index + "/_mapping", null)) {
      if (response.getStatus() == 404) {
        return Optional.empty();
      }
      JsonNode body = body(response, "read the mapping of " + index);
      if (response.getStatus() / 100 != 2 || !body.elements().hasNext()) {
        throw new StorageException("ENGRAM-500", "OpenSearch at " + endpoint.url()
            + " did not give the mapping of " + index + ": " + body);
      }
      // Keyed by the index's name (an alias's target when the name is an alias).
      return Optional.of(body.elements().next().path("mappings").path("properties"));
    } catch (IOException e) {
      throw new StorageException("Cannot read the mapping of " + index + " on " + endpoint.url()
          + ": " + e.getMessage(), e);
    }
  }

  private void ensureGuardIndex() {
    if (created.contains(guards.index()) || indexExists(guards.index())) {
      return;
    }
    createIndex(guards.index(), Mappings.guardIndex(json, endpoint));
    created.add(guards.index());
  }

  private String metaIndex() {
    return endpoint.prefix() + ".meta";
  }

  /** Records the vector space in a new cluster, or checks it against the recorded one. */
  private void claimSpace() {
    Optional<VectorSpace> stored = storedSpace();
    if (stored.isEmpty()) {
      if (readOnly) {
        return; // nothing stored yet: reads find empty collections
      }
      createIndex(metaIndex(), Mappings.metaIndex(json, space, endpoint));
      stored = storedSpace();
    }
    VectorSpace recorded = stored.orElseThrow(() -> new StorageException("ENGRAM-500",
        "The index " + metaIndex() + " on " + endpoint.url() + " has no vector space: restore it"
            + " or use another ?prefix="));
    if (!recorded.equals(space)) {
      throw new StorageException("ENGRAM-501", "The OpenSearch indexes " + endpoint.prefix()
          + "-* on " + endpoint.url() + " were built with model " + recorded.model()
          + " (dimension " + recorded.dimension() + ") but model " + space.model()
          + " (dimension " + space.dimension() + ") was requested. Re-ingest under another"
          + " ?prefix=, or open these with their model.");
    }
  }

  private Optional<VectorSpace> storedSpace() {
    try (Response response = generic("GET", "/" + metaIndex() + "/_mapping", null)) {
      if (response.getStatus() == 404) {
        return Optional.empty();
      }
      JsonNode body = body(response, "read the vector space");
      JsonNode meta = body.path(metaIndex()).path("mappings").path("_meta").path("engram");
      if (!meta.path("model").isTextual() || !meta.path("dimension").canConvertToInt()) {
        return Optional.empty();
      }
      return Optional.of(new VectorSpace(meta.path("model").asText(), meta.path("dimension").asInt()));
    } catch (IOException e) {
      throw new StorageException("Cannot read the vector space from " + endpoint.url() + ": "
          + e.getMessage() + ". Is it running? (scripts/opensearch.sh start runs one locally)", e);
    }
  }

  /** Creates an index; one another process created meanwhile is fine. */
  private void createIndex(String index, ObjectNode body) {
    try (Response response = generic("PUT", "/" + index, body)) {
      if (response.getStatus() / 100 == 2) {
        return;
      }
      JsonNode error = body(response, "create index " + index);
      if (!error.path("error").path("type").asText().equals("resource_already_exists_exception")) {
        throw new StorageException("ENGRAM-500", "OpenSearch at " + endpoint.url() + " refused to create index "
            + index + ": " + error.path("error").path("reason").asText(error.toString()));
      }
    } catch (IOException e) {
      throw new StorageException("Cannot create index " + index + " on " + endpoint.url() + ": "
          + e.getMessage(), e);
    }
  }

  private JsonNode getJson(String path) {
    try (Response response = generic("GET", path, null)) {
      return body(response, "GET " + path);
    } catch (IOException e) {
      throw new StorageException("Cannot GET " + path + " from " + endpoint.url() + ": "
          + e.getMessage(), e);
    }
  }

  private Response generic(String method, String path, ObjectNode body) throws IOException {
    var request = Requests.builder().method(method).endpoint(path);
    if (body != null) {
      request.json(json.writeValueAsString(body));
    }
    return client.generic().execute(request.build());
  }

  private JsonNode body(Response response, String action) throws IOException {
    Optional<Body> body = response.getBody();
    if (body.isEmpty()) {
      throw new StorageException("ENGRAM-500", "OpenSearch at " + endpoint.url() + " answered " + action
          + " with status " + response.getStatus() + " and no body");
    }
    try (Body b = body.get()) {
      return json.readTree(b.bodyAsBytes());
    }
  }

  private void ensureWritable() {
    if (closed) {
      throw new IllegalStateException("The index on " + endpoint.url() + " is closed");
    }
    if (readOnly) {
      throw new StorageException("ENGRAM-503", "The index on " + endpoint + " is open read-only;"
          + " open it for writing to change it");
    }
  }
}
