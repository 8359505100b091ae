package dev.engram.context;

import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.common.Scope;
import dev.engram.memory.Memories;
import dev.engram.memory.RankedMemories;
import dev.engram.memory.model.Scores;
import dev.engram.retrieval.ReciprocalRankFusion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live memories (facts, preferences, events, feedback; no summaries, no messages) closest to a
 * question by BM25 and vector, fused by reciprocal rank. Recall may show the messages a memory came
 * from instead of the memory; a context wants the consolidated statement too, because only it
 * knows that "moved to Berlin" replaced "lives in Paris".
 */
final class DistilledMemories {
  /**
   * Not measured here; chosen by hand: 60, the rank constant of the RRF paper. Recall's own
   * constant (8) was tuned on LoCoMo messages and memories together; this fusion ranks memories
   * only, and no evaluation scores the distilled section of a context on its own.
   */
  private static final ReciprocalRankFusion RRF = new ReciprocalRankFusion(60);

  private final Memories memories;

  DistilledMemories(Memories memories) {
    this.memories = memories;
  }

  List<RecalledMemory> find(Scope owner, String question, int k) {
    // 3 k hits of each search: enough to fuse past the top k. Not measured; chosen by hand.
    Map<String, double[]> fused = new LinkedHashMap<>();
    Map<String, Memory> byId = new LinkedHashMap<>();
    RankedMemories ranked = memories.rankLive(owner, question, 3 * k);
    add(ranked.byText(), fused, byId, 0);
    add(ranked.byVector(), fused, byId, 1);
    return byId.values().stream()
        .filter(m -> m.kind() != MemoryKind.SUMMARY && m.kind() != MemoryKind.EPISODE)
        .sorted((a, b) -> Double.compare(sum(fused.get(b.id())), sum(fused.get(a.id()))))
        .limit(k)
        .map(m -> {
          double[] f = fused.get(m.id());
          return new RecalledMemory(m.id(), m.kind(), m.text(), m.eventTime(), m.validFrom(),
              m.validTo(), m.provenance(), new Scores(f[0], f[1], sum(f), 1, m.importance(), sum(f)));
        })
        .toList();
  }

  private static void add(List<Memory> ranked, Map<String, double[]> fused, Map<String, Memory> byId,
      int slot) {
    for (int rank = 0; rank < ranked.size(); rank++) {
      Memory m = ranked.get(rank);
      byId.putIfAbsent(m.id(), m);
      fused.computeIfAbsent(m.id(), id -> new double[2])[slot] += RRF.score(rank);
    }
  }

  private static double sum(double[] f) {
    return f[0] + f[1];
  }
}
