package dev.engram.chat;

import java.util.function.Consumer;

/**
 * The chat model seam: sends messages to an LLM and returns its answer, whole or streamed.
 *
 * <p>Both calls are synchronous and thread-safe; failures are {@link dev.engram.common.ModelException}s
 * whose message says what to configure.
 */
public interface ChatModel extends AutoCloseable {

  /** Sends the request and waits for the complete answer. */
  ChatResponse chat(ChatRequest request);

  /**
   * Sends the request and calls {@code onToken} with each piece of text as it arrives, in order,
   * on the calling thread; returns the complete answer once the model has finished.
   */
  ChatResponse stream(ChatRequest request, Consumer<String> onToken);

  @Override
  default void close() {}
}
