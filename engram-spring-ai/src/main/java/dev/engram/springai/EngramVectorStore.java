package dev.engram.springai;

import dev.engram.Engram;
import dev.engram.bridge.Doc;
import dev.engram.bridge.Engine;
import dev.engram.bridge.Passage;
import dev.engram.bridge.Search;
import dev.engram.client.EngramClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * A {@link VectorStore} on Engram's knowledge index. Engram chunks and embeds what is added with
 * its own embedder, and {@link #similaritySearch(SearchRequest)} is its hybrid search (BM25 and
 * vectors fused): {@code topK}, the similarity threshold (on the fused score) and exact-match
 * filter expressions ({@link ExactFilters}) apply. A document keeps its id: {@link #delete(List)}
 * takes it. Hits carry the metadata the document was added with (values as strings), and {@code
 * document_id}, {@code title}, {@code source}, {@code kb}, {@code start}, {@code end} and {@code
 * section}.
 *
 * <p>{@link #delete(Filter.Expression)} takes ids ({@code id == 'x'}, {@code id in [...]}, {@code
 * ||} of those) or the same metadata filters as search ({@code lang == 'en' && year == 2024}):
 * the documents that match go whole. Anything else is refused with ENGRAM-951.
 */
public final class EngramVectorStore implements VectorStore {
  private final Engine engine;
  private final String kb;

  private EngramVectorStore(Builder b) {
    this.engine = Objects.requireNonNull(b.engine, "engine: give engram(...), client(...) or engine(...)");
    this.kb = b.kb;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void add(List<Document> documents) {
    List<Doc> docs = new ArrayList<>();
    for (Document d : documents) {
      Map<String, String> metadata = new LinkedHashMap<>();
      d.getMetadata().forEach((k, v) -> {
        if (v != null && !k.equals("title")) {
          metadata.put(k, String.valueOf(v));
        }
      });
      Object title = d.getMetadata().getOrDefault("title", "");
      docs.add(new Doc(d.getId(), Objects.requireNonNullElse(d.getText(), ""), String.valueOf(title), metadata));
    }
    engine.knowledge().add(kb, docs);
  }

  @Override
  public void delete(List<String> idList) {
    engine.knowledge().delete(kb, idList);
  }

  @Override
  public void delete(Filter.Expression filterExpression) {
    Optional<List<String>> ids = Ids.of(filterExpression);
    if (ids.isPresent()) {
      engine.knowledge().delete(kb, ids.get());
    } else {
      engine.knowledge().deleteMatching(kb, ExactFilters.of(filterExpression));
    }
  }

  @Override
  public List<Document> similaritySearch(SearchRequest request) {
    Map<String, String> filters = request.hasFilterExpression()
        ? ExactFilters.of(request.getFilterExpression()) : Map.of();
    List<String> kbs = kb.isEmpty() ? List.of() : List.of(kb);
    return engine.knowledge().search(new Search(request.getQuery(), request.getTopK(), "hybrid", kbs, filters))
        .stream().filter(p -> p.score() >= request.getSimilarityThreshold())
        .map(EngramVectorStore::document).toList();
  }

  static Document document(Passage p) {
    Map<String, Object> m = new LinkedHashMap<>(p.metadata());
    m.put("document_id", p.documentId());
    m.put("title", p.title());
    m.put("source", p.source());
    m.put("kb", p.kb());
    m.put("start", p.start());
    m.put("end", p.end());
    m.put("section", String.join(" > ", p.section()));
    return Document.builder().id(p.documentId()).text(p.text()).metadata(m).score(p.score()).build();
  }

  @Override
  public String getName() {
    return "EngramVectorStore";
  }

  /**
   * The ids a delete expression names when it names only ids: {@code id == 'x'}, {@code id in
   * [...]}, or {@code ||} of those; empty for any other expression.
   */
  static final class Ids {
    private Ids() {}

    static Optional<List<String>> of(Filter.Expression e) {
      List<String> out = new ArrayList<>();
      return collect(e, out) ? Optional.of(out) : Optional.empty();
    }

    private static boolean collect(Filter.Operand o, List<String> out) {
      if (o instanceof Filter.Expression e && e.type() == Filter.ExpressionType.OR) {
        if (collect(e.left(), out) && collect(e.right(), out)) {
          return true;
        }
        // An || of anything but ids cannot be one exact-match conjunction.
        throw ExactFilters.unsupported(e.toString());
      }
      if (o instanceof Filter.Expression e && e.left() instanceof Filter.Key k
          && k.key().replaceAll("^['\"]|['\"]$", "").equals("id") && e.right() instanceof Filter.Value v
          && (e.type() == Filter.ExpressionType.EQ || e.type() == Filter.ExpressionType.IN)) {
        if (v.value() instanceof List<?> l) {
          l.forEach(x -> out.add(String.valueOf(x)));
        } else {
          out.add(String.valueOf(v.value()));
        }
        return true;
      }
      return false;
    }
  }

  /** Configures an {@link EngramVectorStore}. */
  public static final class Builder {
    private Engine engine;
    private String kb = "";

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

    /** The knowledge base the store writes and searches; the default one when not set. */
    public Builder kb(String name) {
      this.kb = Objects.requireNonNull(name, "kb");
      return this;
    }

    public EngramVectorStore build() {
      return new EngramVectorStore(this);
    }
  }
}
