package dev.engram.server.openai;

import dev.engram.context.Citation;
import dev.engram.context.Context;
import java.util.List;
import java.util.Optional;

/**
 * What the proxy adds to one request: the context it injects (when it found any and it fits),
 * and a short ASCII account of what it did for the {@code X-Engram-Context} header.
 *
 * @param context the injected context
 * @param message the system message carrying it, as JSON
 * @param state what happened, e.g. {@code injected: 412 tokens, 3 citations} or {@code skipped:
 *     no user message}
 */
record Augmentation(Optional<Context> context, Optional<byte[]> message, String state) {
  static Augmentation skipped(String why) {
    return new Augmentation(Optional.empty(), Optional.empty(), "skipped: " + why);
  }

  List<Citation> citations() {
    return context.map(Context::citations).orElse(List.of());
  }
}
