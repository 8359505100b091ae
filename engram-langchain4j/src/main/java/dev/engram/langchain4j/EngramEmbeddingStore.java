package dev.engram.langchain4j;

import dev.engram.Engram;
import dev.engram.bridge.Doc;
import dev.engram.bridge.Engine;
import dev.engram.bridge.Passage;
import dev.engram.bridge.Search;
import dev.engram.client.EngramClient;
import dev.engram.common.InvalidInputException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An {@link EmbeddingStore} of text segments on Engram's knowledge index. Engram chunks and embeds
 * each segment's text with its own embedder (so the index has one vector space; the embedding
 * handed in is not stored), and searches with {@link EmbeddingSearchRequest#query()}, the text
 * that {@code EmbeddingStoreContentRetriever} passes along: hybrid by default, with {@code
 * maxResults}, {@code minScore} (on Engram's score: the fused one in hybrid mode, cosine in dense
 * mode) and exact-match metadata filters ({@link ExactFilters}). A request without query text is
 * refused: Engram does not search by a vector from another model.
 *
 * <p>Matches carry the id the segment was added with and a segment whose metadata is {@code
 * document_id}, {@code title}, {@code source}, {@code kb}, {@code start}, {@code end} and {@code
 * section} plus the metadata it was added with; a long segment split into several chunks matches
 * once, by its best chunk. {@link #removeAll(Filter)} removes by the same metadata filters.
 */
public final class EngramEmbeddingStore implements EmbeddingStore<TextSegment> {
  private final Engine engine;
  private final String kb;
  private final String mode;

  private EngramEmbeddingStore(Builder b) {
    this.engine = Objects.requireNonNull(b.engine, "engine: give engram(...), client(...) or engine(...)");
    this.kb = b.kb;
    this.mode = b.mode.name().toLowerCase(Locale.ROOT);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String add(Embedding embedding) {
    throw noText();
  }

  @Override
  public void add(String id, Embedding embedding) {
    throw noText();
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings) {
    throw noText();
  }

  private static InvalidInputException noText() {
    return new InvalidInputException("ENGRAM-953", "Engram stores text and embeds it itself: add an"
        + " embedding with its TextSegment");
  }

  @Override
  public String add(Embedding embedding, TextSegment segment) {
    String id = UUID.randomUUID().toString();
    addAll(List.of(id), List.of(embedding), List.of(segment));
    return id;
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings, List<TextSegment> segments) {
    List<String> ids = generateIds(segments.size());
    addAll(ids, embeddings, segments);
    return ids;
  }

  @Override
  public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
    if (segments == null || ids.size() != segments.size()) {
      throw new IllegalArgumentException("give one TextSegment per id: " + ids.size() + " ids, "
          + (segments == null ? 0 : segments.size()) + " segments");
    }
    List<Doc> docs = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      TextSegment s = segments.get(i);
      Map<String, String> metadata = new LinkedHashMap<>();
      s.metadata().toMap().forEach((k, v) -> {
        if (!k.equals("title")) {
          metadata.put(k, String.valueOf(v));
        }
      });
      String title = Objects.requireNonNullElse(s.metadata().getString("title"), "");
      docs.add(new Doc(ids.get(i), s.text(), title, metadata));
    }
    engine.knowledge().add(kb, docs);
  }

  @Override
  public void remove(String id) {
    removeAll(List.of(id));
  }

  @Override
  public void removeAll(Collection<String> ids) {
    engine.knowledge().delete(kb, List.copyOf(ids));
  }

  /**
   * Removes the segments whose metadata matches {@code filter} ({@link ExactFilters}: {@code
   * IsEqualTo}, a one-value {@code IsIn}, {@code And} of those).
   */
  @Override
  public void removeAll(Filter filter) {
    if (filter == null) {
      throw new InvalidInputException("ENGRAM-952", "give a filter: removeAll() removes everything");
    }
    engine.knowledge().deleteMatching(kb, ExactFilters.of(filter));
  }

  @Override
  public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
    String query = request.query();
    if (query == null || query.isBlank()) {
      throw new InvalidInputException("ENGRAM-954", "Engram searches by text: set"
          + " EmbeddingSearchRequest.query(...) (EmbeddingStoreContentRetriever does)");
    }
    List<String> kbs = kb.isEmpty() ? List.of() : List.of(kb);
    // Deeper than maxResults: a long segment's chunks collapse into one match below.
    List<Passage> hits = engine.knowledge().search(new Search(query, request.maxResults() * 3, mode, kbs,
        ExactFilters.of(request.filter())));
    Map<String, EmbeddingMatch<TextSegment>> best = new LinkedHashMap<>();
    for (Passage p : hits) {
      if (p.score() >= request.minScore() && best.size() < request.maxResults()) {
        best.putIfAbsent(p.documentId(), new EmbeddingMatch<>(p.score(), p.documentId(), null,
            EngramContentRetriever.content(p).textSegment()));
      }
    }
    return new EmbeddingSearchResult<>(List.copyOf(best.values()));
  }

  /** Configures an {@link EngramEmbeddingStore}. */
  public static final class Builder {
    private Engine engine;
    private String kb = "";
    private EngramContentRetriever.SearchMode mode = EngramContentRetriever.SearchMode.HYBRID;

    private Builder() {}

    public Builder engram(Engram engram) {
      return engine(Engine.embedded(engram));
    }

    public Builder client(EngramClient client) {
      return engine(Engine.remote(client));
    }

    public Builder engine(Engine e) {
      this.engine = Objects.requireNonNull(e, "engine");
      return this;
    }

    /** The knowledge base it writes and searches; the default one when not set. */
    public Builder kb(String name) {
      this.kb = Objects.requireNonNull(name, "kb");
      return this;
    }

    public Builder mode(EngramContentRetriever.SearchMode m) {
      this.mode = Objects.requireNonNull(m, "mode");
      return this;
    }

    public EngramEmbeddingStore build() {
      return new EngramEmbeddingStore(this);
    }
  }
}
