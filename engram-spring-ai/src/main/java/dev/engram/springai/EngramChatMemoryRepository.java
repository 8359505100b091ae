package dev.engram.springai;

import dev.engram.Engram;
import dev.engram.bridge.Conversation;
import dev.engram.bridge.Engine;
import dev.engram.bridge.Transcript;
import dev.engram.bridge.Turn;
import dev.engram.client.EngramClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * A {@link ChatMemoryRepository} on Engram's episode log. Spring AI's chat memory saves its whole
 * window every time; only the messages the session's log does not end with yet are remembered
 * (and memories extracted from them), so none is stored twice. {@link #findByConversationId}
 * returns the session's latest turns, {@link #deleteByConversationId} forgets the session. A
 * conversation id names the user and session ({@link Conversation#parse}: {@code user:session}).
 * Engram does not list sessions, so {@link #findConversationIds} lists those this repository has
 * seen since it was built.
 */
public final class EngramChatMemoryRepository implements ChatMemoryRepository {
  private final Engine engine;
  private final Transcript transcript;
  private final int maxMessages;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  private EngramChatMemoryRepository(Builder b) {
    this.engine = Objects.requireNonNull(b.engine, "engine: give engram(...), client(...) or engine(...)");
    this.transcript = new Transcript(engine.sessions());
    this.maxMessages = b.maxMessages;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<String> findConversationIds() {
    return List.copyOf(seen);
  }

  @Override
  public List<Message> findByConversationId(String conversationId) {
    return engine.sessions().recent(Conversation.parse(conversationId), maxMessages).stream()
        .map(t -> t.role().equals("assistant") ? (Message) new AssistantMessage(t.text()) : new UserMessage(t.text()))
        .toList();
  }

  @Override
  public void saveAll(String conversationId, List<Message> messages) {
    seen.add(conversationId);
    transcript.sync(Conversation.parse(conversationId),
        messages.stream().map(EngramChatMemoryRepository::turn).flatMap(Optional::stream).toList());
  }

  private static Optional<Turn> turn(Message m) {
    String text = m.getText();
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    return m.getMessageType() == MessageType.USER ? Optional.of(Turn.user(text))
        : m.getMessageType() == MessageType.ASSISTANT ? Optional.of(Turn.assistant(text))
        : Optional.empty(); // system prompts and tool traffic are not the conversation
  }

  @Override
  public void deleteByConversationId(String conversationId) {
    seen.remove(conversationId);
    engine.sessions().forget(Conversation.parse(conversationId));
  }

  /** Configures an {@link EngramChatMemoryRepository}. */
  public static final class Builder {
    private Engine engine;
    private int maxMessages = 20;

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

    /** How many of the latest turns {@link #findByConversationId} returns; 20 by default. */
    public Builder maxMessages(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxMessages must be >= 1, got: " + n);
      }
      this.maxMessages = n;
      return this;
    }

    public EngramChatMemoryRepository build() {
      return new EngramChatMemoryRepository(this);
    }
  }
}
