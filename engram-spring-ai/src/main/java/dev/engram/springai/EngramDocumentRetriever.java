package dev.engram.springai;

import dev.engram.Engram;
import dev.engram.bridge.Blend;
import dev.engram.bridge.Conversation;
import dev.engram.bridge.Engine;
import dev.engram.client.EngramClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

/**
 * A {@link DocumentRetriever} that is Engram's blend, for {@code RetrievalAugmentationAdvisor}:
 * for the conversation the query's context names ({@link ChatMemory#CONVERSATION_ID}, parsed as
 * {@code user:session}), the question is routed and knowledge passages and the user's memories
 * come back within Engram's budget, one {@link Document} per numbered citation, its text {@code
 * [n] (title) text} so the model can cite it. Without a conversation id it is the knowledge search.
 */
public final class EngramDocumentRetriever implements DocumentRetriever {
  private final Engine engine;
  private final List<String> kbs;
  private final int topK;

  private EngramDocumentRetriever(Builder b) {
    this.engine = Objects.requireNonNull(b.engine, "engine: give engram(...), client(...) or engine(...)");
    this.kbs = List.copyOf(b.kbs);
    this.topK = b.topK;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Document> retrieve(Query query) {
    Optional<Object> id = Optional.ofNullable(query.context().get(ChatMemory.CONVERSATION_ID));
    if (id.isEmpty()) {
      return engine.knowledge().search(new dev.engram.bridge.Search(query.text(), topK, "hybrid", kbs,
          java.util.Map.of())).stream().map(EngramVectorStore::document).toList();
    }
    Blend blend = engine.memory().context(Conversation.parse(id.get()), query.text(), kbs);
    // The chat memory advisor runs first and has already logged the question: it comes back as a
    // recalled message, which says nothing the query does not.
    return blend.citations().stream()
        .filter(c -> !(c.kind().equals("message") && c.text().strip().endsWith(query.text().strip())))
        .map(c -> Document.builder()
        .id(c.kind() + ":" + c.id() + ":" + c.number())
        .text("[" + c.number() + "] (" + c.title() + ") " + c.text())
        .metadata(java.util.Map.of("citation", c.number(), "kind", c.kind(), "id", c.id(),
            "title", c.title(), "route", blend.route()))
        .build()).toList();
  }

  /** Configures an {@link EngramDocumentRetriever}. */
  public static final class Builder {
    private Engine engine;
    private final List<String> kbs = new ArrayList<>();
    private int topK = 5;

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

    /** A knowledge base to draw on; several calls, several; none: the default one. */
    public Builder kb(String kb) {
      this.kbs.add(Objects.requireNonNull(kb, "kb"));
      return this;
    }

    /** How many passages without a conversation (the blend sizes itself); 5 by default. */
    public Builder topK(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("topK must be >= 1, got: " + k);
      }
      this.topK = k;
      return this;
    }

    public EngramDocumentRetriever build() {
      return new EngramDocumentRetriever(this);
    }
  }
}
