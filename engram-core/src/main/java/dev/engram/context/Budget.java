package dev.engram.context;

import dev.engram.embed.TokenCounter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a token budget between the sections of a context by route, then lends what a section
 * leaves unused to the others, most important first.
 */
final class Budget {
  private final Route route;
  private final int total;
  private final TokenCounter tokens;
  private final Map<SectionKind, Integer> used = new EnumMap<>(SectionKind.class);
  /** Heading tokens per section, counted once: fitting asks for them once per candidate. */
  private final Map<SectionKind, Integer> headings = new EnumMap<>(SectionKind.class);

  Budget(Route route, int total, TokenCounter tokens) {
    this.route = route;
    this.total = total;
    this.tokens = tokens;
  }

  /**
   * The fraction of the budget a section gets first for {@code route}. Not measured; chosen by
   * hand: no evaluation scores a context by route (eval memory fills its budget from recall alone).
   */
  static double share(Route route, SectionKind kind) {
    return switch (route) {
      case KNOWLEDGE -> switch (kind) {
        case KNOWLEDGE -> 0.70; case MEMORIES -> 0.10; case SUMMARY -> 0.05; case RECENT_TURNS -> 0.15;
      };
      case MEMORY -> switch (kind) {
        case KNOWLEDGE -> 0.0; case MEMORIES -> 0.60; case SUMMARY -> 0.15; case RECENT_TURNS -> 0.25;
      };
      case BOTH -> switch (kind) {
        case KNOWLEDGE -> 0.45; case MEMORIES -> 0.30; case SUMMARY -> 0.10; case RECENT_TURNS -> 0.15;
      };
    };
  }

  /** Sections in the order they receive unused budget. */
  private List<SectionKind> priority() {
    return route == Route.MEMORY
        ? List.of(SectionKind.MEMORIES, SectionKind.RECENT_TURNS, SectionKind.SUMMARY)
        : List.of(SectionKind.KNOWLEDGE, SectionKind.MEMORIES, SectionKind.RECENT_TURNS, SectionKind.SUMMARY);
  }

  /** The items that fit, in the order given; the others are added to {@code cuts}. */
  List<ContextAssembler.Item> fit(List<ContextAssembler.Item> items, List<Cut> cuts) {
    Set<ContextAssembler.Item> taken = new LinkedHashSet<>();
    for (SectionKind kind : SectionKind.values()) {
      int limit = (int) Math.floor(total * share(route, kind));
      for (ContextAssembler.Item item : items) {
        if (item.kind() == kind && sectionUsed(kind) + cost(item) <= limit) {
          take(item, taken);
        }
      }
    }
    for (SectionKind kind : priority()) {
      for (ContextAssembler.Item item : items) {
        if (item.kind() == kind && !taken.contains(item) && totalUsed() + cost(item) <= total) {
          take(item, taken);
        }
      }
    }
    List<ContextAssembler.Item> kept = new ArrayList<>();
    for (ContextAssembler.Item item : items) {
      if (taken.contains(item)) {
        kept.add(item);
      } else {
        cuts.add(item.cut("over the token budget (" + total + " tokens)"));
      }
    }
    return kept;
  }

  private void take(ContextAssembler.Item item, Set<ContextAssembler.Item> taken) {
    used.merge(item.kind(), cost(item), Integer::sum);
    taken.add(item);
  }

  /** The item's tokens, plus the section heading and a separator when it opens its section. */
  private int cost(ContextAssembler.Item item) {
    return item.cost() + (used.containsKey(item.kind()) ? 0 : heading(item.kind()));
  }

  private int heading(SectionKind kind) {
    // "## title\n", the newline closing the section, and the blank line between sections
    return headings.computeIfAbsent(kind, k -> tokens.count("## " + k.title() + "\n") + 2);
  }

  private int sectionUsed(SectionKind kind) {
    return used.getOrDefault(kind, 0);
  }

  private int totalUsed() {
    return used.values().stream().mapToInt(Integer::intValue).sum();
  }
}
