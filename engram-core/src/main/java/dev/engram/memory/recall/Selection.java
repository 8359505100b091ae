package dev.engram.memory.recall;

import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.memory.model.Scores;
import dev.engram.memory.store.EpisodeLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The results of one recall, taken from the scored units best first: a unit that covers only
 * messages already shown is skipped, a message is shown in its window, and a memory taken from
 * one message stands for that message, with the window under its own text.
 */
final class Selection {
  private final RecallQuery q;
  private final EpisodeLog episodes;
  private final Windows windows;
  /** The current memory taken from each message alone, best first. */
  private final Map<String, Memory> memoryOfMessage = new LinkedHashMap<>();
  /** Messages shown so far. */
  private final Set<String> covered = new HashSet<>();
  /** Memories shown so far. */
  private final Set<String> used = new HashSet<>();
  /** The recall score of each message the searches found, which chooses the side of a window. */
  private final Map<String, Double> scores = new HashMap<>();

  Selection(RecallQuery q, EpisodeLog episodes, Windows windows) {
    this.q = q;
    this.episodes = episodes;
    this.windows = windows;
  }

  /** At most {@code q.k()} results from {@code scored} (best first). */
  List<RecalledMemory> select(List<Scored> scored) {
    // A memory taken from one message and that message are one result: the memory's text with
    // the message and its neighbours, so the statement comes with the words it was taken from.
    for (Scored s : scored) {
      if (s.unit() instanceof EpisodeUnit(Episode e)) {
        scores.put(e.id(), s.scores().score());
      }
      if (s.unit() instanceof MemoryUnit m && m.memory().provenance().size() == 1 && m.current(q)) {
        memoryOfMessage.putIfAbsent(m.memory().provenance().getFirst(), m.memory());
      }
    }
    List<RecalledMemory> out = new ArrayList<>();
    for (Scored s : scored) {
      if (out.size() == q.k()) {
        break;
      }
      Optional<RecalledMemory> result = switch (s.unit()) {
        case EpisodeUnit(Episode e) -> message(e, s.scores());
        case MemoryUnit m -> memory(m, s.scores());
      };
      result.ifPresent(out::add);
    }
    return out;
  }

  private Optional<RecalledMemory> message(Episode e, Scores scores) {
    if (covered.contains(e.id())) {
      return Optional.empty();
    }
    Memory m = memoryOfMessage.get(e.id());
    if (m != null && used.add(m.id())) {
      return Optional.of(withSource(m, e, scores));
    }
    List<Episode> window = shown(e);
    return Optional.of(new RecalledMemory(e.id(), MemoryKind.EPISODE, Windows.lines(window),
        e.eventTime(), e.eventTime(), Optional.empty(), ids(window), scores));
  }

  private Optional<RecalledMemory> memory(MemoryUnit unit, Scores scores) {
    Memory m = unit.memory();
    if (!unit.current(q) && !q.includeHistory()) {
      return Optional.empty();
    }
    if (m.kind() == MemoryKind.SUMMARY) {
      // A summary matches many queries but answers none precisely, and as of an earlier time
      // it may tell the future; it is read with Memories.summary instead.
      return Optional.empty();
    }
    if (!used.add(m.id())) {
      return Optional.empty();
    }
    List<String> prov = m.provenance();
    if (prov.size() == 1 && !covered.contains(prov.getFirst())) {
      Optional<Episode> source = episodes.get(q.scope().withoutSession(), prov.getFirst());
      if (source.isPresent()) {
        return Optional.of(withSource(m, source.get(), scores));
      }
    }
    boolean covering = !prov.isEmpty() && unit.covering();
    if (covering && covered.containsAll(prov) && m.live()) {
      return Optional.empty(); // its messages are shown already; a closed memory still shows, as history
    }
    if (covering) {
      covered.addAll(prov);
    }
    return Optional.of(new RecalledMemory(m.id(), m.kind(), m.text(), m.eventTime(), m.validFrom(),
        m.validTo(), prov, scores));
  }

  private RecalledMemory withSource(Memory m, Episode source, Scores scores) {
    List<Episode> window = shown(source);
    return new RecalledMemory(m.id(), m.kind(), m.text() + "\n" + Windows.lines(window),
        m.eventTime(), m.validFrom(), m.validTo(), ids(window), scores);
  }

  /** The window around {@code e}, now counted as shown. */
  private List<Episode> shown(Episode e) {
    List<Episode> window = windows.around(e, q, covered, scores);
    covered.addAll(ids(window));
    return window;
  }

  private static List<String> ids(List<Episode> window) {
    return window.stream().map(Episode::id).toList();
  }
}
