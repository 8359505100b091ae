package dev.engram.memory.recall;

import dev.engram.memory.model.Episode;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.store.EpisodeLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The neighbours a recalled message is shown with: {@code half} messages on each side, none said
 * after as-of nor in another conversation. The window slides to one side (keeping its size and
 * the message) when the neighbours there also match the query, so that a fact told over two turns
 * of one speaker ("We went camping." ... "We roasted marshmallows.") is shown whole; else when
 * the neighbours on the other side are shown already, so that results show more distinct
 * messages. Sliding by the neighbours' scores took LoCoMo evidence recall@10 from 0.8334 to
 * 0.8515 (multi-hop 0.5854 to 0.6307; README "Recall and retrieval, second round").
 */
final class Windows {
  /**
   * Neighbours said further apart than this from a message belong to another conversation, even
   * in the same session ("I live in Paris" in March and "I moved to Berlin" in June). Not
   * measured; chosen by hand.
   */
  private static final Duration NEIGHBOURHOOD = Duration.ofHours(6);

  private final EpisodeLog episodes;
  private final int half;

  Windows(EpisodeLog episodes, int half) {
    this.episodes = episodes;
    this.half = half;
  }

  /**
   * The window around {@code centre}: of the centred window and the two slid by {@code half}, the
   * one whose neighbours not yet shown score best for the query ({@code scores}: message id to
   * recall score; a message the searches did not find scores 0), then the one with most messages
   * not in {@code covered}, then the centred one.
   */
  List<Episode> around(Episode centre, RecallQuery q, Set<String> covered, Map<String, Double> scores) {
    if (half == 0) {
      return List.of(centre);
    }
    long from = Math.max(0, centre.sequence() - 2L * half);
    List<Episode> near = episodes.range(centre.scope(), from, centre.sequence() + 2L * half).stream()
        .filter(e -> q.asOf().map(t -> !e.eventTime().isAfter(t)).orElse(true))
        .filter(e -> e.id().equals(centre.id()) || sameConversation(e, centre))
        .toList();
    int at = 0;
    while (at < near.size() && !near.get(at).id().equals(centre.id())) {
      at++;
    }
    if (at == near.size()) {
      return List.of(centre);
    }
    int size = 2 * half + 1;
    int bestStart = Math.max(0, at - half);
    int bestNew = -1;
    double bestRel = -1;
    for (int shift : new int[] {0, -1, 1}) { // centred first: it wins ties
      int start = at - half + shift * half;
      if (start < 0 || start > at || start + size - 1 < at) {
        continue;
      }
      int end = Math.min(near.size(), start + size);
      int fresh = 0;
      double rel = 0;
      for (int i = start; i < end; i++) {
        boolean isFresh = !covered.contains(near.get(i).id());
        fresh += isFresh ? 1 : 0;
        if (isFresh && i != at) {
          rel += scores.getOrDefault(near.get(i).id(), 0.0);
        }
      }
      if (rel > bestRel || (rel == bestRel && fresh > bestNew)) {
        bestNew = fresh;
        bestRel = rel;
        bestStart = start;
      }
    }
    return near.subList(bestStart, Math.min(near.size(), bestStart + size));
  }

  /** The messages one per line, "speaker: text". */
  static String lines(List<Episode> window) {
    StringBuilder text = new StringBuilder();
    for (Episode e : window) {
      text.append(text.isEmpty() ? "" : "\n").append(e.speaker()).append(": ").append(e.text());
    }
    return text.toString();
  }

  /** Said close in time: messages that belong to one conversation. */
  private static boolean sameConversation(Episode a, Episode b) {
    return Duration.between(a.eventTime(), b.eventTime()).abs().compareTo(NEIGHBOURHOOD) <= 0;
  }
}
