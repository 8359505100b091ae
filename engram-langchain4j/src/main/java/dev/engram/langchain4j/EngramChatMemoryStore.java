package dev.engram.langchain4j;

import dev.engram.Engram;
import dev.engram.bridge.Conversation;
import dev.engram.bridge.Engine;
import dev.engram.bridge.Transcript;
import dev.engram.client.EngramClient;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link ChatMemoryStore} on Engram's episode log. LangChain4j passes the whole window to
 * {@link #updateMessages} every time; only the messages the session's log does not end with yet
 * are remembered (and memories extracted from them), so none is stored twice. {@link
 * #getMessages} returns the session's latest turns, {@link #deleteMessages} forgets the session.
 * The memory id names the conversation ({@link Conversation#parse}: {@code "user:session"}).
 *
 * <pre>{@code
 * ChatMemoryProvider memory = id -> MessageWindowChatMemory.builder().id(id).maxMessages(20)
 *     .chatMemoryStore(EngramChatMemoryStore.builder().engram(engram).build()).build();
 * }</pre>
 */
public final class EngramChatMemoryStore implements ChatMemoryStore {
  private final Engine engine;
  private final Transcript transcript;
  private final int maxMessages;
  private final Function<Object, Conversation> conversation;

  private EngramChatMemoryStore(Builder b) {
    this.engine = Objects.requireNonNull(b.engine, "engine: give engram(...), client(...) or engine(...)");
    this.transcript = new Transcript(engine.sessions());
    this.maxMessages = b.maxMessages;
    this.conversation = b.conversation;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    return engine.sessions().recent(conversation.apply(memoryId), maxMessages).stream()
        .map(Messages::message).toList();
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    transcript.sync(conversation.apply(memoryId), Messages.turns(messages));
  }

  @Override
  public void deleteMessages(Object memoryId) {
    engine.sessions().forget(conversation.apply(memoryId));
  }

  /** Configures an {@link EngramChatMemoryStore}. */
  public static final class Builder {
    private Engine engine;
    private int maxMessages = 20;
    private Function<Object, Conversation> conversation = Conversation::parse;

    private Builder() {}

    /** An embedded Engram, default tenant. */
    public Builder engram(Engram engram) {
      return engine(Engine.embedded(engram));
    }

    /** A running server. */
    public Builder client(EngramClient client) {
      return engine(Engine.remote(client));
    }

    public Builder engine(Engine e) {
      this.engine = Objects.requireNonNull(e, "engine");
      return this;
    }

    /** How many of the latest turns {@link #getMessages} returns; 20 by default. */
    public Builder maxMessages(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxMessages must be >= 1, got: " + n);
      }
      this.maxMessages = n;
      return this;
    }

    /** How a memory id names the user and session; {@link Conversation#parse} by default. */
    public Builder conversation(Function<Object, Conversation> f) {
      this.conversation = Objects.requireNonNull(f, "conversation");
      return this;
    }

    public EngramChatMemoryStore build() {
      return new EngramChatMemoryStore(this);
    }
  }
}
