package dev.engram.memory.llm;

import dev.engram.common.Checks;
import dev.engram.chat.ChatModel;
import java.time.ZoneId;

/**
 * The LLM-backed extractor and consolidator over one chat model, sharing one {@link Fallbacks}
 * counter. Wire them into memory when a model is configured:
 *
 * <pre>{@code
 * LlmMemory llm = LlmMemory.of(chatModel, clock.getZone());
 * Memories memories = new Memories(index, embedder, clock, llm.extractor(), llm.consolidator(),
 *     RecallWeights.defaults());
 * // later: llm.fallbacks().counts()
 * }</pre>
 */
public record LlmMemory(LlmExtractor extractor, LlmConsolidator consolidator, Fallbacks fallbacks) {

  public LlmMemory {
    Checks.notNull(extractor, "extractor");
    Checks.notNull(consolidator, "consolidator");
    Checks.notNull(fallbacks, "fallbacks");
  }

  /** Both seams over {@code model}, with dates resolved and shown in {@code zone}. */
  public static LlmMemory of(ChatModel model, ZoneId zone) {
    Fallbacks fallbacks = new Fallbacks();
    return new LlmMemory(new LlmExtractor(model, zone, fallbacks),
        new LlmConsolidator(model, zone, fallbacks), fallbacks);
  }
}
