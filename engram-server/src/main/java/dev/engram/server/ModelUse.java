package dev.engram.server;

import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatRequest;
import dev.engram.chat.ChatResponse;
import dev.engram.embed.Embedder;
import dev.engram.common.VectorSpace;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * How much the server used its models, for {@code /metrics}: time in the embedding model (below
 * the embedding cache, so cache hits cost nothing here) and calls of the chat model that
 * generates answers, with its failures. Counted with adders: many requests embed at once.
 */
public final class ModelUse {
  private final LongAdder queryNanos = new LongAdder();
  private final LongAdder queries = new LongAdder();
  private final LongAdder documentNanos = new LongAdder();
  private final LongAdder documentTexts = new LongAdder();
  private final LongAdder chatCalls = new LongAdder();
  private final LongAdder chatFailures = new LongAdder();

  public double queryEmbeddingSeconds() {
    return queryNanos.sum() / 1e9;
  }

  public long queriesEmbedded() {
    return queries.sum();
  }

  public double documentEmbeddingSeconds() {
    return documentNanos.sum() / 1e9;
  }

  public long documentTextsEmbedded() {
    return documentTexts.sum();
  }

  public long chatCalls() {
    return chatCalls.sum();
  }

  public long chatFailures() {
    return chatFailures.sum();
  }

  /** {@code model}, timed. */
  Embedder timed(Embedder model) {
    return new Embedder() {
      @Override
      public VectorSpace space() {
        return model.space();
      }

      @Override
      public List<float[]> embedDocuments(List<String> texts) {
        long t0 = System.nanoTime();
        try {
          return model.embedDocuments(texts);
        } finally {
          documentNanos.add(System.nanoTime() - t0);
          documentTexts.add(texts.size());
        }
      }

      @Override
      public float[] embedQuery(String query) {
        long t0 = System.nanoTime();
        try {
          return model.embedQuery(query);
        } finally {
          queryNanos.add(System.nanoTime() - t0);
          queries.increment();
        }
      }

      @Override
      public int maxTokens() {
        return model.maxTokens();
      }

      @Override
      public void close() {
        model.close();
      }
    };
  }

  /** {@code model}, its calls and failures counted. */
  ChatModel counted(ChatModel model) {
    return new Counted(model, this);
  }

  /**
   * A chat model whose calls and failures are counted; {@link #model()} is the one it wraps (the
   * OpenAI proxy reads its endpoint from it).
   */
  public record Counted(ChatModel model, ModelUse use) implements ChatModel {
    @Override
    public ChatResponse chat(ChatRequest request) {
      return use.count(() -> model.chat(request));
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> onToken) {
      return use.count(() -> model.stream(request, onToken));
    }

    @Override
    public void close() {
      model.close();
    }
  }

  private ChatResponse count(java.util.function.Supplier<ChatResponse> call) {
    chatCalls.increment();
    try {
      return call.get();
    } catch (RuntimeException e) {
      chatFailures.increment();
      throw e;
    }
  }
}
