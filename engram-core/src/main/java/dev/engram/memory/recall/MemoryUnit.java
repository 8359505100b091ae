package dev.engram.memory.recall;

import dev.engram.memory.model.Memory;
import dev.engram.memory.model.RecallQuery;
import java.time.Instant;

/** A memory found by a recall search. */
record MemoryUnit(Memory memory) implements Unit {

  /** The key of the memory with this id. */
  static String key(String memoryId) {
    return "m:" + memoryId;
  }

  @Override
  public String key() {
    return key(memory.id());
  }

  @Override
  public Instant eventTime() {
    return memory.eventTime();
  }

  @Override
  public double importance() {
    return memory.importance();
  }

  /** True when the memory is true at the query's time (now, or as-of). */
  boolean current(RecallQuery q) {
    return q.asOf().map(memory::validAt).orElse(memory.live());
  }

  /**
   * True when its provenance is short enough to stand for the messages it came from; a summary or
   * a memory merged from many messages covers no evidence.
   */
  boolean covering() {
    return memory.provenance().size() <= Recaller.MAX_COVERING_PROVENANCE;
  }
}
