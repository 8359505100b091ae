package dev.engram.memory;

import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.RecallQuery;
import dev.engram.common.Scope;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbedderFactory;
import dev.engram.eval.memory.LocomoConversation;
import dev.engram.eval.memory.LocomoEval;
import dev.engram.eval.memory.LocomoFile;
import dev.engram.index.Index;
import dev.engram.index.IndexFactory;
import dev.engram.memory.consolidate.RuleConsolidator;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.recall.RecallWeights;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Prints LoCoMo questions whose evidence the top-k misses, with the evidence turns and the first
 * results, to see why. Usage: {@code LocomoMisses FILE INDEX_DIR [k] [max]} on an index kept by
 * {@link LocomoBench}.
 */
public final class LocomoMisses {
  private LocomoMisses() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int max = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    LocomoEval.Remembered remembered = new ObjectMapper()
        .readValue(dir.resolve("remembered.json").toFile(), LocomoEval.Remembered.class);
    EmbedderFactory embedders = ServiceLoader.load(EmbedderFactory.class).findFirst().orElseThrow();
    IndexFactory indexes = new dev.engram.lucene.LuceneIndexFactory();
    try (Embedder embedder = embedders.create(); Index index = indexes.open(dev.engram.index.IndexConfig.of("lucene:" + dir, embedder.space()))) {
      Memories memories = new Memories(index, embedder, Clock.systemUTC(),
          new RuleExtractor(ZoneOffset.UTC), new RuleConsolidator(), RecallWeights.defaults());
      int shown = 0;
      for (LocomoConversation c : LocomoFile.read(file)) {
        Map<String, String> turnText = new HashMap<>();
        c.sessions().forEach(s -> s.turns().forEach(t -> turnText.put(t.diaId(),
            s.name() + " " + t.speaker() + ": " + t.text())));
        Map<String, String> dia = remembered.diaByMessage().get(c.id());
        Scope user = new Scope(LocomoEval.TENANT, Optional.of(c.id()), Optional.empty(), Optional.empty());
        for (LocomoConversation.Question q : c.questions()) {
          if (q.category() < 1 || q.category() > 4 || q.evidence().isEmpty() || shown >= max) {
            continue;
          }
          List<RecalledMemory> top = memories.recall(
              new RecallQuery(user, q.question(), 30, Optional.empty(), false));
          java.util.Set<String> hit = new java.util.HashSet<>();
          Map<String, Integer> rankOf = new HashMap<>();
          for (int i = 0; i < top.size(); i++) {
            for (String id : top.get(i).provenance()) {
              String d = dia.get(id);
              if (d != null) {
                rankOf.putIfAbsent(d, i + 1);
                if (i < k) {
                  hit.add(d);
                }
              }
            }
          }
          if (hit.containsAll(q.evidence())) {
            continue;
          }
          shown++;
          System.out.println("=== cat " + q.category() + " Q: " + q.question() + "  A: " + q.answer());
          for (String e : q.evidence()) {
            System.out.println("  gold " + e + " rank " + rankOf.getOrDefault(e, -1) + " | "
                + turnText.getOrDefault(e, "?"));
          }
          for (int i = 0; i < Math.min(3, top.size()); i++) {
            System.out.println("  top" + (i + 1) + " [" + top.get(i).kind() + "] "
                + top.get(i).text().replace("\n", " | "));
          }
        }
      }
    }
  }
}
