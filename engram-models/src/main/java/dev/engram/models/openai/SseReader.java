package dev.engram.models.openai;

import dev.engram.common.ModelException;
import dev.engram.chat.ChatResponse;
import dev.engram.models.openai.ChatCompletionJson.Chunk;
import dev.engram.models.openai.ChatCompletionJson.MalformedReply;
import dev.engram.models.openai.ChatCompletionJson.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a streamed chat completion: server-sent events whose {@code data:} lines carry JSON
 * chunks, ended by {@code data: [DONE]}. Hands each content delta to the caller as it comes.
 */
final class SseReader {
  private static final String DONE = "[DONE]";
  private static final int MAX_PLAIN_REPLY = 1 << 20;

  private final ChatCompletionJson json;
  private final ChatFailures failures;

  SseReader(ChatCompletionJson json, ChatFailures failures) {
    this.json = json;
    this.failures = failures;
  }

  /**
   * Reads the stream to its end. A stream that ends before a finish reason or {@code [DONE]} is
   * retryable only when no token reached the caller yet. {@code timedOut} says whether a read
   * failure came from the idle watchdog.
   */
  ChatResponse read(
      BufferedReader reader, Consumer<String> onToken, long startNanos, BooleanSupplier timedOut)
      throws RetryableFailure {
    StringBuilder text = new StringBuilder();
    Optional<String> finishReason = Optional.empty();
    Optional<Usage> usage = Optional.empty();
    boolean done = false;
    boolean sawData = false;
    StringBuilder other = new StringBuilder();
    try {
      String line;
      while (!done && (line = reader.readLine()) != null) {
        if (!line.startsWith("data:")) {
          // Blank separators, ": keep-alive" comments, event: and id: fields; kept (up to a
          // limit) in case the server ignored "stream" and sent a whole JSON completion.
          if (!sawData && other.length() < MAX_PLAIN_REPLY) {
            other.append(line).append('\n');
          }
          continue;
        }
        sawData = true;
        String data = line.substring(5).strip();
        if (data.equals(DONE)) {
          done = true;
          continue;
        }
        Chunk chunk = json.chunk(data);
        if (chunk.error().isPresent()) {
          throw failures.refused(200, "error in the stream: " + chunk.error().get()
              + (text.isEmpty() ? "" : "; partial text: " + text));
        }
        if (chunk.finishReason().isPresent()) {
          finishReason = chunk.finishReason();
        }
        if (chunk.usage().isPresent()) {
          usage = chunk.usage();
        }
        Optional<String> content = chunk.content().filter(token -> !token.isEmpty());
        if (content.isPresent()) {
          text.append(content.get());
          onToken.accept(content.get());
        }
      }
    } catch (IOException e) {
      if (timedOut.getAsBoolean()) {
        throw failures.timeout(e);
      }
      throw cutOff(text, failures.cutOff(text.toString(), e));
    } catch (MalformedReply e) {
      throw failures.malformed(e.getMessage());
    }
    if (!sawData && !other.toString().isBlank()) {
      return whole(other.toString(), onToken, startNanos);
    }
    if (!done && finishReason.isEmpty()) {
      throw cutOff(text, failures.cutOff(text.toString()));
    }
    Usage counts = usage.orElse(new Usage(0, 0));
    return new ChatResponse(
        text.toString(),
        counts.promptTokens(),
        counts.completionTokens(),
        finishReason.orElse("unknown"),
        OpenAiChatModel.millisSince(startNanos));
  }

  /**
   * The failure of a stream that stopped early: retryable when the caller has seen no token yet;
   * otherwise thrown at once, because a retry would repeat tokens the caller already has.
   */
  private static RetryableFailure cutOff(StringBuilder text, ModelException failure) {
    if (text.isEmpty()) {
      return new RetryableFailure(failure);
    }
    throw failure;
  }

  /** A server that ignored {@code "stream": true} sent one completion: hand it over as one token. */
  private ChatResponse whole(String body, Consumer<String> onToken, long startNanos) {
    try {
      ChatResponse response = json.completion(body, OpenAiChatModel.millisSince(startNanos));
      if (!response.text().isEmpty()) {
        onToken.accept(response.text());
      }
      return response;
    } catch (MalformedReply e) {
      throw failures.malformed("it is neither server-sent events nor JSON: " + e.getMessage());
    }
  }
}
