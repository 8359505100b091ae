package dev.engram.opensearch;

import dev.engram.common.Vectors;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.common.Checks;
import dev.engram.common.StorageException;
import dev.engram.index.Collection;
import dev.engram.index.DeferredRecords;
import dev.engram.index.KeywordValues;
import dev.engram.index.Filter;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregate;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * The read view of one collection: its own OpenSearch index ({@code PREFIX-NAME}). A collection
 * that was never written has no index yet and reads as empty.
 *
 * <p>Vector scores are the cosine: OpenSearch's lucene engine scores cosinesimil as {@code (1 +
 * cos) / 2}, and this view maps it back, as the seam's contract says. Search hits carry an empty
 * vector (their {@code _source} leaves it out); {@link #get} and {@link #list} read it.
 *
 * <p>Deferred records ({@link DeferredRecords}): the id searches run the same queries, so their
 * scores and order are the same, but fetch no {@code _source}, only the id's doc values, and
 * {@link #records} reads the few records kept afterwards in one search by id. A hybrid search fuses up to 900
 * candidates per list in an evaluation (50 per list for k 10), and without this every one of
 * them had its {@code _source} read on the node, sent and parsed here.
 */
final class OpenSearchCollection implements Collection, DeferredRecords, KeywordValues {
  /**
   * The k-NN query asks each shard's graph for {@code max(k, 50)} neighbours, as engram-lucene's
   * {@code LuceneOptions.knnCandidates} does, so both backends search the same way.
   */
  static final int KNN_CANDIDATES = 50;
  /** Words of a text query kept: OpenSearch refuses more than 1,024 boolean clauses. */
  static final int MAX_QUERY_WORDS = 1_000;
  /** Records read per request by {@link #list}, and the largest k (OpenSearch's result window). */
  static final int PAGE = 10_000;
  /**
   * Values read per request by {@link #values}: a composite aggregation's page, well under the
   * cluster's default {@code search.max_buckets} (65,535); the server's gauges ask for 1,000.
   */
  static final int VALUES_PAGE = 1_000;
  private static final String VALUE = "value";
  /** {@code stored_fields: _none_}: the fetch phase reads no stored field, not even {@code _id}. */
  private static final String NO_STORED_FIELDS = "_none_";

  private final String name;
  private final String index;
  private final OpenSearchClient client;
  private final Endpoint endpoint;
  private final int dimension;

  OpenSearchCollection(String name, String index, OpenSearchClient client, Endpoint endpoint,
      int dimension) {
    this.name = name;
    this.index = index;
    this.client = client;
    this.endpoint = endpoint;
    this.dimension = dimension;
  }

  @Override
  public String name() {
    return name;
  }

  /** The OpenSearch index holding this collection. */
  String index() {
    return index;
  }

  @Override
  public List<IndexHit> searchText(String query, Filter filter, int k) {
    return hits(search(textQuery(query, filter, k), Math.min(k, PAGE), Fetch.RECORD), false);
  }

  @Override
  public List<IndexHit> searchTextIds(String query, Filter filter, int k) {
    return hits(search(textQuery(query, filter, k), Math.min(k, PAGE), Fetch.ID), false);
  }

  private static Query textQuery(String query, Filter filter, int k) {
    Checks.notBlank(query, "query");
    Checks.atLeast(k, 1, "k");
    String[] all = query.strip().split("\\s+");
    String words = all.length <= MAX_QUERY_WORDS ? query
        : String.join(" ", Arrays.copyOf(all, MAX_QUERY_WORDS));
    Query match = Query.of(q -> q.match(m -> m.field(Documents.TEXT).query(FieldValue.of(words))));
    return Queries.of(filter)
        .map(f -> Query.of(q -> q.bool(b -> b.must(match).filter(f))))
        .orElse(match);
  }

  @Override
  public List<IndexHit> searchVector(float[] vector, Filter filter, int k) {
    return hits(search(vectorQuery(vector, filter, k), Math.min(k, PAGE), Fetch.RECORD), true);
  }

  @Override
  public List<IndexHit> searchVectorIds(float[] vector, Filter filter, int k) {
    return hits(search(vectorQuery(vector, filter, k), Math.min(k, PAGE), Fetch.ID), true);
  }

  private Query vectorQuery(float[] vector, Filter filter, int k) {
    Checks.notNull(vector, "vector");
    Checks.atLeast(k, 1, "k");
    if (vector.length == 0) {
      throw new IllegalArgumentException("vector must not be empty");
    }
    Vectors.checkIndexable(vector, dimension, "query vector");
    List<Float> values = new ArrayList<>(vector.length);
    for (float x : vector) {
      values.add(x);
    }
    int size = Math.min(k, PAGE);
    Optional<Query> restriction = Queries.of(filter);
    return Query.of(q -> q.knn(n -> {
      n.field(Documents.VECTOR).vector(values).k(Math.max(size, KNN_CANDIDATES));
      restriction.ifPresent(n::filter);
      return n;
    }));
  }

  /**
   * One search by the ids (an {@code ids} query), which reads what every search sees: the last
   * refresh, never half a batch. Not {@code _mget}: it reads each record on its own, and over the
   * 300 records an evaluation reads per query it cost the node about three times the CPU of this
   * search's fetch phase, which reads the hits in index order (measured: README, "The OpenSearch
   * backend", deferred records).
   */
  @Override
  public List<IndexRecord> records(List<String> ids) {
    Checks.notNull(ids, "ids");
    ids.forEach(id -> Checks.notBlank(id, "id"));
    Map<String, IndexRecord> byId = new HashMap<>();
    for (int from = 0; from < ids.size(); from += PAGE) {
      List<String> some = ids.subList(from, Math.min(ids.size(), from + PAGE));
      Query byIds = Query.of(q -> q.ids(i -> i.values(some)));
      for (Hit<ObjectNode> hit : search(byIds, some.size(), Fetch.RECORD).hits().hits()) {
        IndexRecord record = Documents.toRecord(hit.source());
        byId.put(record.id(), record);
      }
    }
    List<IndexRecord> records = new ArrayList<>(byId.size());
    for (String id : ids) {
      IndexRecord record = byId.get(id);
      if (record != null) {
        records.add(record);
      }
    }
    return records;
  }

  @Override
  public Optional<IndexRecord> get(String id) {
    Checks.notBlank(id, "id");
    Query byId = Query.of(q -> q.ids(i -> i.values(id)));
    return search(byId, 1, Fetch.RECORD_AND_VECTOR).hits().hits().stream().findFirst()
        .map(h -> Documents.toRecord(h.source()));
  }

  @Override
  public List<IndexRecord> list(Filter filter, int limit) {
    Checks.atLeast(limit, 1, "limit");
    List<IndexRecord> records = new ArrayList<>();
    Query query = Queries.orAll(filter);
    String after = null;
    while (records.size() < limit) {
      int size = Math.min(PAGE, limit - records.size());
      String from = after;
      SearchResponse<ObjectNode> page = Calls.run(endpoint, "list collection '" + name + "'",
          () -> client.search(s -> {
            s.index(index).ignoreUnavailable(true).query(query).size(size)
                .source(src -> src.filter(f -> f.excludes(Documents.HEADER)))
                .sort(o -> o.field(f -> f.field(Documents.ID).order(SortOrder.Asc)));
            if (from != null) {
              s.searchAfter(FieldValue.of(from));
            }
            return s;
          }, ObjectNode.class));
      List<Hit<ObjectNode>> hits = page.hits().hits();
      hits.forEach(h -> records.add(Documents.toRecord(h.source())));
      if (hits.size() < size) {
        break;
      }
      after = hits.getLast().source().path(Documents.ID).asText();
    }
    return records;
  }

  /** The ids of the records matching the filter, all of them. */
  List<String> ids(Filter filter) {
    return list(filter, Integer.MAX_VALUE).stream().map(IndexRecord::id).toList();
  }

  @Override
  public int count(Filter filter) {
    Query query = Queries.orAll(filter);
    return (int) Calls.run(endpoint, "count collection '" + name + "'",
        () -> client.count(c -> c.index(index).ignoreUnavailable(true).query(query))).count();
  }

  /**
   * The distinct values, in ascending (UTF-8 byte) order, from a {@code composite} aggregation
   * over the field's doc values, paged by its {@code after} key: exact over every shard however
   * many values there are, no record is read, and only live records count (a value goes with the
   * last record holding it, at the refresh that ends the batch deleting it).
   */
  @Override
  public List<String> values(String field, int limit) {
    Checks.notBlank(field, "field");
    Checks.atLeast(limit, 1, "limit");
    List<String> values = new ArrayList<>();
    Map<String, FieldValue> after = null;
    while (values.size() < limit) {
      int size = Math.min(VALUES_PAGE, limit - values.size());
      Map<String, FieldValue> from = after;
      Aggregation composite = Aggregation.of(a -> a.composite(c -> {
        c.size(size).sources(Map.of(VALUE, CompositeAggregationSource.of(
            src -> src.terms(t -> t.field(Documents.keywordField(field)).order(SortOrder.Asc)))));
        if (from != null) {
          c.after(from);
        }
        return c;
      }));
      SearchResponse<ObjectNode> response = Calls.run(endpoint, "list the values of " + field
          + " in collection '" + name + "'", () -> client.search(s -> s.index(index)
              .ignoreUnavailable(true).size(0).aggregations(VALUE, composite), ObjectNode.class));
      Aggregate aggregate = response.aggregations().get(VALUE);
      if (aggregate == null) {
        break; // no index yet
      }
      CompositeAggregate page = aggregate.composite();
      List<CompositeBucket> buckets = page.buckets().array();
      buckets.forEach(b -> values.add(b.key().get(VALUE).stringValue()));
      if (buckets.size() < size || page.afterKey().isEmpty()) {
        break;
      }
      after = page.afterKey();
    }
    return values;
  }

  /** What a search reads of each hit. */
  private enum Fetch {
    /** The record's {@code _source}, without its vector. */
    RECORD,
    /** Only the id, from the id field's doc values: no stored field is read or sent. */
    ID,
    /** The record's {@code _source} with its vector. */
    RECORD_AND_VECTOR
  }

  private SearchResponse<ObjectNode> search(Query query, int size, Fetch fetch) {
    SearchRequest request = SearchRequest.of(s -> {
      s.index(index).ignoreUnavailable(true).query(query).size(size);
      switch (fetch) {
        case RECORD -> s.source(src -> src.filter(f -> f.excludes(Documents.VECTOR, Documents.HEADER)));
        case ID -> s.storedFields(NO_STORED_FIELDS).docvalueFields(f -> f.field(Documents.ID));
        case RECORD_AND_VECTOR -> s.source(src -> src.filter(f -> f.excludes(Documents.HEADER)));
      }
      return s;
    });
    return Calls.run(endpoint, "search collection '" + name + "'",
        () -> client.search(request, ObjectNode.class));
  }

  private static List<IndexHit> hits(SearchResponse<ObjectNode> response, boolean cosine) {
    List<IndexHit> hits = new ArrayList<>();
    for (Hit<ObjectNode> hit : response.hits().hits()) {
      float score = hit.score() == null ? 0f : hit.score().floatValue();
      IndexRecord record = hit.source() != null ? Documents.toRecord(hit.source())
          : DeferredRecords.idOnly(idOf(hit));
      hits.add(new IndexHit(record, cosine ? 2 * score - 1 : score, hits.size()));
    }
    return hits;
  }

  /** The id of a hit fetched without its source: the single value of its id doc values. */
  private static String idOf(Hit<ObjectNode> hit) {
    JsonData values = hit.fields().get(Documents.ID);
    if (values == null) {
      throw new StorageException("ENGRAM-500", "OpenSearch returned hit " + hit.id() + " of "
          + hit.index() + " without its id field");
    }
    return values.toJson().asJsonArray().getString(0);
  }
}
