package dev.engram.models.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Texts run together: their indexes in the input and the padded length of the batch. */
record Batch(int[] indexes, int length) {

  /**
   * Groups texts of similar length: sorts them longest first (so the slowest batches start first
   * and padding is small) and cuts a batch at {@code maxSize} texts or {@code maxTokens} padded
   * tokens, whichever comes first.
   */
  static List<Batch> plan(long[][] ids, int maxSize, int maxTokens) {
    Integer[] order = new Integer[ids.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length).reversed());
    List<Batch> batches = new ArrayList<>();
    int start = 0;
    while (start < order.length) {
      int length = ids[order[start]].length;
      int size = Math.max(1, Math.min(maxSize, maxTokens / length));
      int end = Math.min(order.length, start + size);
      int[] indexes = new int[end - start];
      for (int i = start; i < end; i++) {
        indexes[i - start] = order[i];
      }
      batches.add(new Batch(indexes, length));
      start = end;
    }
    return batches;
  }
}
