package dev.engram.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.common.Scope;
import dev.engram.embed.FakeEmbedder;
import dev.engram.index.Collection;
import dev.engram.index.DeferredRecords;
import dev.engram.index.Filter;
import dev.engram.index.InMemoryIndex;
import dev.engram.index.IndexHit;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.knowledge.KnowledgeRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retriever over a collection that defers records: the same hits, and only the hits' records read. */
class RetrieverTest {
  private static final Scope SCOPE = Scope.ofTenant(Scope.DEFAULT_TENANT);
  private final FakeEmbedder embedder = new FakeEmbedder(16);
  private Collection chunks;

  @BeforeEach
  void fill() {
    InMemoryIndex index = InMemoryIndex.create(embedder.space());
    List<IndexRecord> records = new ArrayList<>();
    String[] topics = {"lamp", "fog horn", "harbour", "keeper", "lens"};
    for (int i = 0; i < 40; i++) {
      String text = "The " + topics[i % topics.length] + " of lighthouse " + i + " needs care in winter number " + (i % 7);
      records.add(new IndexRecord("c" + i, text, embedder.vector(text),
          Map.of(KnowledgeRecords.TENANT, List.of(Scope.DEFAULT_TENANT), KnowledgeRecords.KB, List.of(Scope.DEFAULT_KB),
              KnowledgeRecords.DOC, List.of("d" + i), KnowledgeRecords.TITLE, List.of("Doc " + i)),
          Map.of()));
    }
    index.write(WriteBatch.builder().upsert(KnowledgeRecords.CHUNKS, records).build());
    chunks = index.collection(KnowledgeRecords.CHUNKS);
  }

  @Test
  void should_return_the_same_hits_reading_k_records_only_when_the_collection_defers_records() {
    Deferring deferring = new Deferring(chunks, Set.of());
    for (SearchMode mode : SearchMode.values()) {
      SearchRequest request = SearchRequest.of("fog horn of the lighthouse in winter", 5).withMode(mode);
      deferring.read.clear();

      List<SearchHit> direct = new Retriever(chunks, embedder, Fusion.defaults()).search(SCOPE, request);
      List<SearchHit> deferred = new Retriever(deferring, embedder, Fusion.defaults()).search(SCOPE, request);

      assertThat(deferred).as(mode.name()).hasSize(5).isEqualTo(direct);
      assertThat(deferring.read).as(mode.name()).hasSize(5);
    }
  }

  @Test
  void should_fill_up_from_the_next_candidates_when_a_hit_was_deleted_since_the_search() {
    SearchRequest request = SearchRequest.of("fog horn of the lighthouse in winter", 5);
    List<SearchHit> direct = new Retriever(chunks, embedder, Fusion.defaults()).search(SCOPE, request.withCandidates(50));
    String gone = direct.get(1).documentId().replace('d', 'c');
    Deferring deferring = new Deferring(chunks, Set.of(gone));

    List<SearchHit> deferred = new Retriever(deferring, embedder, Fusion.defaults()).search(SCOPE, request.withCandidates(50));

    List<SearchHit> expected = new ArrayList<>(new Retriever(chunks, embedder, Fusion.defaults())
        .search(SCOPE, new SearchRequest(request.query(), 6, request.mode(), request.filter(), 50)));
    expected.remove(1);
    assertThat(deferred).isEqualTo(expected);
    assertThat(deferring.read).hasSize(6);
  }

  /** A collection that defers records, over another; records in {@code deleted} are gone when read. */
  private static final class Deferring implements Collection, DeferredRecords {
    final Collection all;
    final Set<String> deleted;
    final List<String> read = new ArrayList<>();

    Deferring(Collection all, Set<String> deleted) {
      this.all = all;
      this.deleted = deleted;
    }

    @Override
    public List<IndexHit> searchTextIds(String query, Filter filter, int k) {
      return idOnly(all.searchText(query, filter, k));
    }

    @Override
    public List<IndexHit> searchVectorIds(float[] vector, Filter filter, int k) {
      return idOnly(all.searchVector(vector, filter, k));
    }

    @Override
    public List<IndexRecord> records(List<String> ids) {
      read.addAll(ids);
      return ids.stream().filter(id -> !deleted.contains(id)).map(id -> all.get(id).orElseThrow())
          .map(r -> new IndexRecord(r.id(), r.text(), new float[0], r.keywords(), r.longs())).toList();
    }

    private static List<IndexHit> idOnly(List<IndexHit> hits) {
      return hits.stream().map(h -> new IndexHit(DeferredRecords.idOnly(h.record().id()), h.score(), h.rank())).toList();
    }

    @Override
    public String name() {
      return all.name();
    }

    @Override
    public List<IndexHit> searchText(String query, Filter filter, int k) {
      throw new AssertionError("a deferring collection is searched by id");
    }

    @Override
    public List<IndexHit> searchVector(float[] vector, Filter filter, int k) {
      throw new AssertionError("a deferring collection is searched by id");
    }

    @Override
    public Optional<IndexRecord> get(String id) {
      return all.get(id);
    }

    @Override
    public List<IndexRecord> list(Filter filter, int limit) {
      return all.list(filter, limit);
    }

    @Override
    public int count(Filter filter) {
      return all.count(filter);
    }
  }
}
