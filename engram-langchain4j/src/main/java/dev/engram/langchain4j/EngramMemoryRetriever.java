package dev.engram.langchain4j;

import dev.engram.Engram;
import dev.engram.bridge.Conversation;
import dev.engram.bridge.Engine;
import dev.engram.bridge.Recollection;
import dev.engram.client.EngramClient;
import dev.engram.common.InvalidInputException;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link ContentRetriever} on Engram's recall: the live memories of the user the query's chat
 * memory id names ({@link Conversation#parse}, or a function of the query's metadata), each a
 * {@link Content} with {@code memory_id}, {@code kind}, {@code valid_from}, {@code valid_to} (when
 * superseded) and {@code provenance} (the message ids it came from), scored.
 */
public final class EngramMemoryRetriever implements ContentRetriever {
  private final Engine engine;
  private final int maxResults;
  private final Function<dev.langchain4j.rag.query.Metadata, Conversation> conversation;

  private EngramMemoryRetriever(Builder b) {
    this.engine = Objects.requireNonNull(b.engine, "engine: give engram(...), client(...) or engine(...)");
    this.maxResults = b.maxResults;
    this.conversation = b.conversation;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Content> retrieve(Query query) {
    if (query.metadata() == null) {
      throw new InvalidInputException("ENGRAM-955", "a memory query needs its metadata: the chat"
          + " memory id names the user (AiServices sets it; builder().conversation(...) maps it)");
    }
    return engine.memory().recall(conversation.apply(query.metadata()), query.text(), maxResults).stream()
        .map(EngramMemoryRetriever::content).toList();
  }

  static Content content(Recollection r) {
    Metadata m = new Metadata().put("memory_id", r.id()).put("kind", r.kind())
        .put("valid_from", r.validFrom().toString()).put("provenance", String.join(",", r.provenance()));
    r.validTo().ifPresent(t -> m.put("valid_to", t.toString()));
    return Content.from(TextSegment.from(r.text(), m), Map.of(ContentMetadata.SCORE, r.score()));
  }

  /** Configures an {@link EngramMemoryRetriever}. */
  public static final class Builder {
    private Engine engine;
    private int maxResults = 5;
    private Function<dev.langchain4j.rag.query.Metadata, Conversation> conversation =
        m -> Conversation.parse(m.chatMemoryId() == null ? "default" : m.chatMemoryId());

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

    public Builder maxResults(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxResults must be >= 1, got: " + n);
      }
      this.maxResults = n;
      return this;
    }

    /** Whose memories a query reads; by default the user its chat memory id names. */
    public Builder conversation(Function<dev.langchain4j.rag.query.Metadata, Conversation> f) {
      this.conversation = Objects.requireNonNull(f, "conversation");
      return this;
    }

    public EngramMemoryRetriever build() {
      return new EngramMemoryRetriever(this);
    }
  }
}
