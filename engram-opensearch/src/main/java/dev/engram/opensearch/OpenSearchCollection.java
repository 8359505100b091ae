package dev.engram.opensearch;

import dev.engram.common.Vectors;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.common.Checks;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opensearch.client.opensearch.OpenSearchClient;
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
 */
final class OpenSearchCollection implements Collection {
  /**
   * The k-NN query asks each shard's graph for {@code max(k, 50)} neighbours, as engram-lucene's
   * {@code LuceneOptions.knnCandidates} does, so both backends search the same way.
   */
  static final int KNN_CANDIDATES = 50;
  /** Words of a text query kept: OpenSearch refuses more than 1,024 boolean clauses. */
  static final int MAX_QUERY_WORDS = 1_000;
  /** Records read per request by {@link #list}, and the largest k (OpenSearch's result window). */
  static final int PAGE = 10_000;

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
    Checks.notBlank(query, "query");
    Checks.atLeast(k, 1, "k");
    String[] all = query.strip().split("\\s+");
    String words = all.length <= MAX_QUERY_WORDS ? query
        : String.join(" ", Arrays.copyOf(all, MAX_QUERY_WORDS));
    Query match = Query.of(q -> q.match(m -> m.field(Documents.TEXT).query(FieldValue.of(words))));
    Query full = Queries.of(filter)
        .map(f -> Query.of(q -> q.bool(b -> b.must(match).filter(f))))
        .orElse(match);
    return hits(search(full, Math.min(k, PAGE), false), false);
  }

  @Override
  public List<IndexHit> searchVector(float[] vector, Filter filter, int k) {
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
    Query knn = Query.of(q -> q.knn(n -> {
      n.field(Documents.VECTOR).vector(values).k(Math.max(size, KNN_CANDIDATES));
      restriction.ifPresent(n::filter);
      return n;
    }));
    return hits(search(knn, size, false), true);
  }

  @Override
  public Optional<IndexRecord> get(String id) {
    Checks.notBlank(id, "id");
    Query byId = Query.of(q -> q.ids(i -> i.values(id)));
    return search(byId, 1, true).hits().hits().stream().findFirst()
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

  private SearchResponse<ObjectNode> search(Query query, int size, boolean withVector) {
    SearchRequest request = SearchRequest.of(s -> {
      s.index(index).ignoreUnavailable(true).query(query).size(size);
      if (!withVector) {
        s.source(src -> src.filter(f -> f.excludes(Documents.VECTOR)));
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
      hits.add(new IndexHit(Documents.toRecord(hit.source()), cosine ? 2 * score - 1 : score,
          hits.size()));
    }
    return hits;
  }
}
