package dev.engram.eval;

import java.util.Arrays;

/** Collects durations and reports percentiles (nearest-rank), in milliseconds. */
public final class Latencies {
  private long[] nanos = new long[64];
  private int size;

  public void add(long durationNanos) {
    if (size == nanos.length) nanos = Arrays.copyOf(nanos, size * 2);
    nanos[size++] = durationNanos;
  }

  /** Adds every sample of this one to {@code other}. */
  public void addAll(Latencies other) {
    for (int i = 0; i < size; i++) {
      other.add(nanos[i]);
    }
  }

  public int count() {
    return size;
  }

  /** The p-th percentile (0 < p <= 100) in milliseconds, nearest-rank; 0 when empty. */
  public double percentileMillis(double p) {
    if (size == 0) return 0;
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
  }
}
