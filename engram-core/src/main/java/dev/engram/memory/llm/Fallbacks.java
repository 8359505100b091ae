package dev.engram.memory.llm;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the model calls of LLM-backed memory and how many of them fell back to the rules, so a
 * deployment can see (and alert on) a model that answers garbage. Thread-safe.
 */
public final class Fallbacks {
  private final AtomicLong extractionCalls = new AtomicLong();
  private final AtomicLong extractionFallbacks = new AtomicLong();
  private final AtomicLong consolidationCalls = new AtomicLong();
  private final AtomicLong consolidationFallbacks = new AtomicLong();

  /** Counts as of now: model calls made and calls whose reply was replaced by the rules. */
  public record Counts(long extractionCalls, long extractionFallbacks, long consolidationCalls,
      long consolidationFallbacks) {

    /** All fallbacks, extraction and consolidation. */
    public long fallbacks() {
      return extractionFallbacks + consolidationFallbacks;
    }
  }

  /** The counts as of now. */
  public Counts counts() {
    return new Counts(extractionCalls.get(), extractionFallbacks.get(), consolidationCalls.get(),
        consolidationFallbacks.get());
  }

  void extractionCall() {
    extractionCalls.incrementAndGet();
  }

  void extractionFallback() {
    extractionFallbacks.incrementAndGet();
  }

  void consolidationCall() {
    consolidationCalls.incrementAndGet();
  }

  void consolidationFallback() {
    consolidationFallbacks.incrementAndGet();
  }

  @Override
  public String toString() {
    Counts c = counts();
    return "Fallbacks[extraction " + c.extractionFallbacks() + " of " + c.extractionCalls()
        + " calls, consolidation " + c.consolidationFallbacks() + " of " + c.consolidationCalls()
        + " calls]";
  }
}
