package dev.engram.memory.consolidate;

import dev.engram.memory.model.Action;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.Slot;
import dev.engram.memory.extract.Candidate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The default consolidator. Contradictions are found by slot: two statements that set the same
 * attribute of the same subject ("Caroline|residence") to different values, where the later one
 * supersedes the earlier. Without a slot, near-identical statements (cosine >= {@code noop}) are
 * already known, very similar ones of the same kind that say more (cosine >= {@code update} and
 * most words shared) refine the known memory, and anything else is added. It never deletes: the
 * worst a wrong verdict does is close a memory, which stays in the history.
 */
public final class RuleConsolidator implements Consolidator {

  private static final java.util.regex.Pattern DETAIL =
      java.util.regex.Pattern.compile("\\b(\\p{N}+|\\p{Lu}\\p{L}+)");

  private final double noop;
  private final double update;

  /**
   * Thresholds on cosine similarity: 0.95 for NOOP, 0.88 for UPDATE. Not measured; chosen by
   * hand.
   */
  public RuleConsolidator() {
    this(0.95, 0.88);
  }

  public RuleConsolidator(double noop, double update) {
    this.noop = noop;
    this.update = update;
  }

  @Override
  public Verdict decide(Candidate candidate, List<Similar> similar) {
    Optional<String> key = candidate.slot().map(Slot::key);
    for (Similar s : similar) {
      Memory known = s.memory();
      if (key.isPresent() && known.slot().map(Slot::key).equals(key)) {
        if (known.slot().equals(candidate.slot())) {
          return sameSlotValue(candidate, known, s.cosine());
        }
        if (candidate.eventTime().isBefore(known.eventTime())) {
          return Verdict.add(candidate.text(),
              "sets " + key.get() + " like memory " + known.id() + " but happened earlier; kept both");
        }
        return Verdict.of(Action.SUPERSEDE, known.id(), candidate.text(),
            "contradicts memory " + known.id() + " on " + key.get() + ": '" + known.text()
                + "' is replaced by the later statement");
      }
    }
    for (Similar s : similar) {
      Memory known = s.memory();
      if (known.kind() != candidate.kind()) {
        continue;
      }
      if (sameWords(known.text(), candidate.text())
          || (s.cosine() >= noop && !newDetail(candidate.text(), known.text()))) {
        return Verdict.of(Action.NOOP, known.id(), known.text(),
            String.format(Locale.ROOT, "already known as memory %s (similarity %.2f)", known.id(), s.cosine()));
      }
      if (s.cosine() >= update && covers(candidate.text(), known.text())) {
        return Verdict.of(Action.UPDATE, known.id(), candidate.text(),
            String.format(Locale.ROOT, "refines memory %s (similarity %.2f): the new statement says more",
                known.id(), s.cosine()));
      }
    }
    return Verdict.add(candidate.text(),
        similar.isEmpty() ? "new: no similar memory" : String.format(Locale.ROOT,
            "new: closest memory %s has similarity %.2f", similar.getFirst().memory().id(),
            similar.getFirst().cosine()));
  }

  private Verdict sameSlotValue(Candidate candidate, Memory known, double cosine) {
    if (cosine >= noop || sameWords(known.text(), candidate.text())
        || candidate.text().length() <= known.text().length()) {
      return Verdict.of(Action.NOOP, known.id(), known.text(),
          "already known as memory " + known.id() + " (same " + known.slot().orElseThrow().key() + ")");
    }
    return Verdict.of(Action.UPDATE, known.id(), candidate.text(),
        "refines memory " + known.id() + " (same " + known.slot().orElseThrow().key() + ", more detail)");
  }

  /**
   * True when {@code text} names a number or a proper noun that {@code known} does not: "museum
   * number 3" is not "museum number 4", and "visited Rome" is not "visited Paris", however close
   * their vectors are.
   */
  private static boolean newDetail(String text, String known) {
    Set<String> mine = details(text);
    mine.removeAll(details(known));
    return !mine.isEmpty();
  }

  private static Set<String> details(String text) {
    Set<String> out = new HashSet<>();
    java.util.regex.Matcher m = DETAIL.matcher(text);
    while (m.find()) {
      if (m.start() > 0) { // the first word is capitalised anyway
        out.add(m.group().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static boolean sameWords(String a, String b) {
    return words(a).equals(words(b));
  }

  /**
   * True when {@code longer} keeps at least 80% of the words of {@code shorter} and adds some. The
   * 80% was not measured; chosen by hand.
   */
  private static boolean covers(String longer, String shorter) {
    Set<String> l = words(longer);
    Set<String> s = words(shorter);
    if (l.size() <= s.size()) {
      return false;
    }
    long kept = s.stream().filter(l::contains).count();
    return kept >= 0.8 * s.size();
  }

  private static Set<String> words(String text) {
    return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ").trim().split("\\s+")));
  }
}
