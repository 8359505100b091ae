package dev.engram.langchain4j;

import dev.engram.Engram;
import dev.engram.bridge.Blend;
import dev.engram.bridge.Conversation;
import dev.engram.bridge.Engine;
import dev.engram.client.EngramClient;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link RetrievalAugmentor} that is Engram's blend: the question is routed, knowledge passages
 * and the user's memories are assembled within Engram's token budget with numbered citations, and
 * the result is injected into the user message by a template ({@code {{userMessage}}} and {@code
 * {{contents}}}). A drop-in for {@code DefaultRetrievalAugmentor} in {@code AiServices}; the
 * returned contents are the citations, in order.
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
 *     .retrievalAugmentor(EngramRetrievalAugmentor.builder().engram(engram).build())
 *     .build();
 * }</pre>
 */
public final class EngramRetrievalAugmentor implements RetrievalAugmentor {
  /** The default template: the question, then Engram's context with its numbered citations. */
  public static final PromptTemplate DEFAULT_TEMPLATE = PromptTemplate.from("""
      {{userMessage}}

      Answer from the context below; cite what you use by its [number].

      {{contents}}""");

  private final Engine engine;
  private final List<String> kbs;
  private final PromptTemplate template;
  private final Function<dev.langchain4j.rag.query.Metadata, Conversation> conversation;

  private EngramRetrievalAugmentor(Builder b) {
    this.engine = Objects.requireNonNull(b.engine, "engine: give engram(...), client(...) or engine(...)");
    this.kbs = List.copyOf(b.kbs);
    this.template = b.template;
    this.conversation = b.conversation;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public AugmentationResult augment(AugmentationRequest request) {
    if (!(request.chatMessage() instanceof UserMessage user) || !user.hasSingleText()) {
      return new AugmentationResult(request.chatMessage(), List.of()); // nothing to search with
    }
    String question = user.singleText();
    Blend blend = engine.memory().context(conversation.apply(request.metadata()), question, kbs);
    if (blend.text().isBlank()) {
      return new AugmentationResult(user, List.of());
    }
    String text = template.apply(Map.of("userMessage", question, "contents", blend.text())).text();
    Map<String, Object> attributes = new HashMap<>(user.attributes());
    attributes.put(Messages.ORIGINAL_TEXT, question);
    UserMessage augmented = user.toBuilder()
        .contents(List.of(dev.langchain4j.data.message.TextContent.from(text)))
        .attributes(attributes).build();
    List<Content> cited = blend.citations().stream().map(c -> Content.from(TextSegment.from(c.text(),
        new Metadata().put("citation", c.number()).put("kind", c.kind()).put("id", c.id())
            .put("title", c.title()).put("route", blend.route())))).toList();
    return new AugmentationResult(augmented, cited);
  }

  /** Configures an {@link EngramRetrievalAugmentor}. */
  public static final class Builder {
    private Engine engine;
    private final List<String> kbs = new ArrayList<>();
    private PromptTemplate template = DEFAULT_TEMPLATE;
    private Function<dev.langchain4j.rag.query.Metadata, Conversation> conversation =
        m -> Conversation.parse(m == null || m.chatMemoryId() == null ? "default" : m.chatMemoryId());

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

    /** The injection template, with {@code {{userMessage}}} and {@code {{contents}}}. */
    public Builder promptTemplate(PromptTemplate t) {
      this.template = Objects.requireNonNull(t, "promptTemplate");
      return this;
    }

    /** Whose memory and session a request reads; by default those its chat memory id names. */
    public Builder conversation(Function<dev.langchain4j.rag.query.Metadata, Conversation> f) {
      this.conversation = Objects.requireNonNull(f, "conversation");
      return this;
    }

    public EngramRetrievalAugmentor build() {
      return new EngramRetrievalAugmentor(this);
    }
  }
}
