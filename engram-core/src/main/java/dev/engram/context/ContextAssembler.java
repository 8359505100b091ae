package dev.engram.context;

import dev.engram.common.Checks;
import dev.engram.embed.TokenCounter;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.retrieval.SearchHit;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fits what was found for a question into a token budget. Each section gets a share of the budget
 * by route (a knowledge question gives most to passages, a memory question none); what a section
 * leaves unused goes to the others in order of importance. Near-duplicates (at least {@value
 * #DUPLICATE} of their words already in an earlier item) are dropped; every passage and memory gets a citation number.
 */
public final class ContextAssembler {
  /**
   * Items with at least this share of their words in an earlier item are near-duplicates. Not
   * measured; chosen by hand.
   */
  public static final double DUPLICATE = 0.85;
  /**
   * What a citation number adds to a line, counted as the widest usual one (numbers up to 999
   * take as many tokens; the space after it is counted with the line, see {@link SectionTokens}).
   */
  private static final String NUMBER = "[99]";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final TokenCounter tokens;
  private final int budget;

  public ContextAssembler(TokenCounter tokens, int budget) {
    this.tokens = Checks.notNull(tokens, "tokens");
    this.budget = Checks.atLeast(budget, 50, "budget");
  }

  /** The context for {@code question} from {@code material}, within the budget. */
  public Context assemble(String question, RouteDecision route, Material material) {
    Budget plan = new Budget(route.route(), budget, tokens);
    List<Cut> cuts = new ArrayList<>();
    List<Item> unique = dedupe(candidates(material, tokens.count(NUMBER)), route.route(), cuts);
    List<Item> taken = plan.fit(unique, cuts);
    List<Citation> citations = new ArrayList<>();
    List<ContextSection> sections = new ArrayList<>();
    for (SectionKind kind : SectionKind.values()) {
      List<Item> items = taken.stream().filter(i -> i.kind() == kind)
          .sorted(Comparator.comparingLong(Item::order)).toList();
      if (items.isEmpty()) {
        continue;
      }
      List<String> lines = new ArrayList<>();
      List<String> bare = new ArrayList<>();
      int[] numbers = new int[items.size()];
      for (Item item : items) {
        if (item.citation().isPresent()) {
          Citation c = item.citation().get().numbered(citations.size() + 1);
          citations.add(c);
          numbers[lines.size()] = c.number();
          lines.add("[" + c.number() + "] " + item.line());
        } else {
          lines.add(item.line());
        }
        bare.add(item.line());
      }
      sections.add(new ContextSection(kind, lines, SectionTokens.count(tokens, kind.title(), bare, numbers)));
    }
    return new Context(question, route, sections, citations, cuts, budget);
  }

  /** @param numberTokens the tokens of a citation number ({@link #NUMBER}), counted once per context */
  private List<Item> candidates(Material m, int numberTokens) {
    List<Item> items = new ArrayList<>();
    long order = 0;
    for (SearchHit hit : m.passages()) {
      String body = withoutHeading(hit);
      if (body.isEmpty()) {
        continue; // a chunk holding only a heading says nothing
      }
      List<String> path = hit.sectionPath().isEmpty() || !hit.sectionPath().getFirst().equals(hit.title())
          ? hit.sectionPath() : hit.sectionPath().subList(1, hit.sectionPath().size());
      String title = path.isEmpty() ? hit.title() : hit.title() + " > " + String.join(" > ", path);
      Citation c = new Citation(1, Citation.Kind.DOCUMENT, hit.documentId(), title, hit.text(),
          hit.start(), hit.end(), List.of());
      items.add(item(SectionKind.KNOWLEDGE, order++, title, "(" + title + ") ", body, c, numberTokens));
    }
    // distilled memories before verbatim message windows: shorter, and already consolidated
    List<RecalledMemory> recalled = new ArrayList<>(m.memories());
    recalled.sort(Comparator.comparing((RecalledMemory r) -> r.kind() == MemoryKind.EPISODE));
    for (RecalledMemory r : recalled) {
      if (r.kind() == MemoryKind.SUMMARY) {
        continue;
      }
      String title = r.kind().label() + ", " + DAY.format(r.eventTime());
      Citation.Kind cited = r.kind() == MemoryKind.EPISODE ? Citation.Kind.MESSAGE : Citation.Kind.MEMORY;
      Citation c = new Citation(1, cited, r.id(), title, r.text(), 0, r.text().length(), r.provenance());
      items.add(item(SectionKind.MEMORIES, order++, r.id(), "(" + title + ") ", flat(r.text()), c,
          numberTokens));
    }
    for (var summary : m.summary().stream().toList()) {
      items.add(item(SectionKind.SUMMARY, order++, summary.id(), "",
          summary.text().replace("\n", "; "), null, numberTokens));
    }
    List<Episode> turns = m.recentTurns();
    for (int i = 0; i < turns.size(); i++) {
      // given newest first (so the newest are kept first); rendered oldest first
      Episode e = turns.get(i);
      items.add(item(SectionKind.RECENT_TURNS, -i, e.id(), e.speaker() + ": ", flat(e.text()), null,
          numberTokens));
    }
    return items;
  }

  /** An item; near-duplicates are judged on {@code body} only, not on its label prefix. */
  private Item item(SectionKind kind, long order, String label, String prefix, String body, Citation c,
      int numberTokens) {
    String line = prefix + body;
    int cost = c == null ? SectionTokens.line(tokens, line, false)
        : numberTokens + SectionTokens.line(tokens, line, true);
    return new Item(kind, order, label, line, Optional.ofNullable(c), Overlap.words(body), cost);
  }

  private static List<Item> dedupe(List<Item> items, Route route, List<Cut> cuts) {
    List<Item> kept = new ArrayList<>();
    for (Item item : items) {
      if (Budget.share(route, item.kind()) == 0) {
        cuts.add(item.cut("not needed for a " + route.name().toLowerCase() + " question"));
        continue;
      }
      Optional<Item> twin = kept.stream()
          .filter(k -> Overlap.coverage(item.words(), k.words()) >= DUPLICATE)
          .findFirst();
      if (twin.isPresent()) {
        cuts.add(item.cut("near-duplicate of " + twin.get().label()));
      } else {
        kept.add(item);
      }
    }
    return kept;
  }

  /** The passage without its leading heading line, which the title already shows. */
  private static String withoutHeading(SearchHit hit) {
    String text = hit.text().strip();
    List<String> headings = new ArrayList<>(hit.sectionPath());
    headings.add(hit.title());
    for (String heading : headings) {
      String h = heading.strip();
      if (!h.isEmpty() && (text.equals(h) || text.startsWith(h + "\n"))) {
        text = text.substring(h.length()).strip();
      }
    }
    return flat(text);
  }

  private static String flat(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** A candidate line of a section, with its cost in tokens (newline included). */
  record Item(SectionKind kind, long order, String label, String line, Optional<Citation> citation,
      Set<String> words, int cost) {
    Cut cut(String reason) {
      return new Cut(kind, label, cost, reason);
    }
  }
}
