package dev.engram.langchain4j;

import dev.engram.Engram;
import dev.engram.bridge.Engine;
import dev.engram.bridge.Passage;
import dev.engram.bridge.Search;
import dev.engram.client.EngramClient;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ContentRetriever} on Engram's knowledge search (hybrid by default): each hit is a
 * {@link Content} whose segment carries {@code document_id}, {@code title}, {@code source}, {@code
 * kb}, {@code start}, {@code end} and {@code section} (headings joined by " > "), with the fused
 * score as {@link ContentMetadata#SCORE}.
 *
 * <pre>{@code
 * ContentRetriever retriever = EngramContentRetriever.builder().engram(engram)
 *     .maxResults(5).mode(SearchMode.HYBRID).kb("manuals").build();
 * }</pre>
 */
public final class EngramContentRetriever implements ContentRetriever {
  private final Engine engine;
  private final int maxResults;
  private final String mode;
  private final List<String> kbs;
  private final Map<String, String> filters;

  private EngramContentRetriever(Builder b) {
    this.engine = Objects.requireNonNull(b.engine, "engine: give engram(...), client(...) or engine(...)");
    this.maxResults = b.maxResults;
    this.mode = b.mode.name().toLowerCase(Locale.ROOT);
    this.kbs = List.copyOf(b.kbs);
    this.filters = Map.copyOf(b.filters);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Content> retrieve(Query query) {
    return engine.knowledge().search(new Search(query.text(), maxResults, mode, kbs, filters)).stream()
        .map(EngramContentRetriever::content).toList();
  }

  static Content content(Passage p) {
    Metadata m = Metadata.from(p.metadata()).put("document_id", p.documentId()).put("title", p.title())
        .put("source", p.source()).put("kb", p.kb()).put("start", p.start()).put("end", p.end())
        .put("section", String.join(" > ", p.section()));
    return Content.from(TextSegment.from(p.text(), m), Map.of(ContentMetadata.SCORE, p.score()));
  }

  /** Which retrievers a search uses: both fused (the default), BM25 alone, vectors alone. */
  public enum SearchMode { HYBRID, BM25, DENSE }

  /** Configures an {@link EngramContentRetriever}. */
  public static final class Builder {
    private Engine engine;
    private int maxResults = 5;
    private SearchMode mode = SearchMode.HYBRID;
    private final List<String> kbs = new ArrayList<>();
    private final Map<String, String> filters = new LinkedHashMap<>();

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

    /** How many passages; 5 by default. */
    public Builder maxResults(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxResults must be >= 1, got: " + n);
      }
      this.maxResults = n;
      return this;
    }

    public Builder mode(SearchMode m) {
      this.mode = Objects.requireNonNull(m, "mode");
      return this;
    }

    /** A knowledge base to search; several calls search several; none: the default one. */
    public Builder kb(String kb) {
      this.kbs.add(Objects.requireNonNull(kb, "kb"));
      return this;
    }

    /** An exact-match metadata filter; all given must hold. */
    public Builder filter(String key, String value) {
      this.filters.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public EngramContentRetriever build() {
      return new EngramContentRetriever(this);
    }
  }
}
