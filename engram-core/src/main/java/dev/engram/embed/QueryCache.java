package dev.engram.embed;

import dev.engram.common.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the vectors of the most recently asked queries in memory, keyed by the query text, and
 * forgets the least recently used one past its capacity. Never written to disk: it holds the
 * users' words. Thread-safe; every method is a short critical section and no model runs inside.
 */
final class QueryCache {
  private final int capacity;
  // guarded by this:
  private final LinkedHashMap<String, float[]> vectors;
  private long hits;
  private long misses;

  QueryCache(int capacity) {
    this.capacity = Checks.atLeast(capacity, 1, "capacity");
    this.vectors = new LinkedHashMap<>(16, 0.75f, true) { // access order: eldest = least recent
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > QueryCache.this.capacity;
      }
    };
  }

  /** A copy of the vector of {@code query}, counted as a hit; empty (a miss) when not kept. */
  synchronized Optional<float[]> find(String query) {
    float[] v = vectors.get(query);
    if (v == null) {
      misses++;
      return Optional.empty();
    }
    hits++;
    return Optional.of(v.clone());
  }

  /** Keeps a copy of {@code vector} as the vector of {@code query}. */
  synchronized void put(String query, float[] vector) {
    vectors.put(query, vector.clone());
  }

  /** Forgets {@code text} and its vector, if kept. */
  synchronized void remove(String text) {
    vectors.remove(text);
  }

  /** Forgets every query and its vector; the counts stay. */
  synchronized void clear() {
    vectors.clear();
  }

  synchronized int size() {
    return vectors.size();
  }

  /** Queries served from memory, and queries the model embedded. */
  synchronized long[] hitsAndMisses() {
    return new long[] {hits, misses};
  }
}
