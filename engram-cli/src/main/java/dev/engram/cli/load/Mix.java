package dev.engram.cli.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The share of each operation in a run, parsed from {@code search=70,recall=20,remember=10}
 * (weights, not necessarily summing to 100). {@link #pick(long)} spreads the kinds evenly over a
 * client's requests (a weighted round robin, so a short run still has the mix it asked for).
 */
public final class Mix {
  private final Map<String, Integer> weights;
  private final String[] slots;

  private Mix(Map<String, Integer> weights) {
    this.weights = weights;
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    slots = new String[total];
    // Smooth weighted round robin: each slot goes to the kind furthest behind its share.
    Map<String, Integer> current = new LinkedHashMap<>();
    weights.keySet().forEach(k -> current.put(k, 0));
    for (int i = 0; i < total; i++) {
      String best = null;
      for (var e : weights.entrySet()) {
        current.merge(e.getKey(), e.getValue(), Integer::sum);
        if (best == null || current.get(e.getKey()) > current.get(best)) {
          best = e.getKey();
        }
      }
      current.merge(best, -total, Integer::sum);
      slots[i] = best;
    }
  }

  /**
   * Parses {@code spec}; every name must be one of {@code known}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Mix parse(String spec, Set<String> known) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String name = (eq < 0 ? p : p.substring(0, eq)).strip();
      if (!known.contains(name)) {
        throw new IllegalArgumentException("--mix: unknown operation '" + name + "'; known: "
            + String.join(", ", known));
      }
      int weight;
      try {
        weight = eq < 0 ? 1 : Integer.parseInt(p.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--mix: the weight of '" + name + "' must be a whole number, got: "
            + p.substring(eq + 1));
      }
      if (weight < 0 || weight > 1000) {
        throw new IllegalArgumentException("--mix: the weight of '" + name + "' must be between 0 and 1000, got: " + weight);
      }
      if (weights.put(name, weight) != null) {
        throw new IllegalArgumentException("--mix names '" + name + "' twice");
      }
    }
    weights.values().removeIf(w -> w == 0);
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("--mix needs at least one operation with a weight above 0, e.g. search=70,recall=20,remember=10");
    }
    return new Mix(weights);
  }

  /** The kind of a client's {@code n}-th request. */
  public String pick(long n) {
    return slots[(int) Math.floorMod(n, (long) slots.length)];
  }

  /** The kinds in the order given. */
  public List<String> names() {
    return new ArrayList<>(weights.keySet());
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    weights.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }
}
