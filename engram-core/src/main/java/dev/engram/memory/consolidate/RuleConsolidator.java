package dev.engram.memory.consolidate;

import dev.engram.memory.extract.Candidate;
import dev.engram.memory.model.Action;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.Slot;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The default consolidator. Contradictions are found by slot only: two statements that set the
 * same attribute of the same subject ("caroline|residence") to different values, where the later
 * one supersedes the earlier; closeness alone never supersedes. Otherwise a candidate is already
 * known (NOOP) only when a memory of its kind is close to it (cosine >= {@code noop}) and it says nothing the
 * memory does not ({@link Difference}): two texts that differ in a number, a name, a date, a
 * negation or any other content word are different facts, however close their vectors. A close
 * memory of the same kind (cosine >= {@code update}) whose every word the candidate keeps, and
 * adds to, is refined (UPDATE); anything else is added. It never deletes: the worst a wrong
 * verdict does is close a memory, which stays in the history.
 */
public final class RuleConsolidator implements Consolidator {

  /**
   * A statement of how things were ("Ann lived in Paris in 2019"): when it happened before a
   * known statement of the same attribute, both are kept. A change ("we moved to Manchester last
   * weekend") said later supersedes even when it happened before the known statement was made.
   */
  private static final java.util.regex.Pattern HISTORICAL = java.util.regex.Pattern.compile(
      "\\b(?:lived|worked|was|were|used to|had|studied|stayed|belonged|owned|liked|loved|hated)\\b",
      java.util.regex.Pattern.CASE_INSENSITIVE);

  private final double noop;
  private final double update;

  /**
   * Thresholds on cosine similarity: 0.80 for NOOP, 0.88 for UPDATE. The NOOP threshold guards
   * only against a chance word match, since the words decide: on the bundled {@code eval beliefs}
   * script restatements ("I have asthma, as I told you.") score 0.82 to 0.97 against what they
   * restate, and 0.95 (the threshold before the word check) left two of eight added again. The
   * UPDATE threshold was chosen by hand.
   */
  public RuleConsolidator() {
    this(0.80, 0.88);
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
      if (key.isPresent() && known.slot().isPresent()
          && sameAttribute(candidate.slot().get(), known.slot().get())) {
        if (candidate.slot().get().value().equals(known.slot().get().value())) {
          return sameSlotValue(candidate, known);
        }
        if (candidate.eventTime().isBefore(known.eventTime()) && HISTORICAL.matcher(candidate.text()).find()) {
          return Verdict.add(candidate.text(),
              "sets " + key.get() + " like memory " + known.id() + " but happened earlier; kept both");
        }
        return Verdict.of(Action.SUPERSEDE, known.id(), candidate.text(),
            "contradicts memory " + known.id() + " on " + key.get() + ": '" + known.text()
                + "' is replaced by the later statement");
      }
    }
    Optional<String> closest = Optional.empty();
    for (Similar s : similar) {
      Memory known = s.memory();
      Difference d = Difference.between(candidate.text(), known.text());
      boolean same = Difference.sameWords(candidate.text(), known.text());
      if (known.kind() == candidate.kind() && (same || (s.cosine() >= noop && d.nothingNew()))) {
        return Verdict.of(Action.NOOP, known.id(), known.text(),
            String.format(Locale.ROOT, "already known as memory %s (similarity %.2f, no new detail)",
                known.id(), s.cosine()));
      }
      if (known.kind() == candidate.kind() && s.cosine() >= update && d.saysMore()) {
        return Verdict.of(Action.UPDATE, known.id(), candidate.text(),
            String.format(Locale.ROOT, "refines memory %s (similarity %.2f): %s", known.id(),
                s.cosine(), d.describe()));
      }
      if (closest.isEmpty()) {
        closest = Optional.of(String.format(Locale.ROOT,
            "new: closest memory %s has similarity %.2f but differs (%s)", known.id(), s.cosine(),
            d.describe()));
      }
    }
    return Verdict.add(candidate.text(), closest.orElse("new: no similar memory"));
  }

  /**
   * True when two slots set the same attribute of the same subject: the same key (by stems), or
   * a negated or timed attribute against the same one with more words ("I don't smoke" against
   * "I smoke ten cigarettes a day", "I see a physio every Tuesday now" against "I see a physio
   * every Thursday": see physio against see physio every thursday).
   */
  private static boolean sameAttribute(Slot candidate, Slot known) {
    if (!candidate.subject().equals(known.subject())) {
      return false;
    }
    String c = stems(candidate.attribute());
    String k = stems(known.attribute());
    if (c.equals(k)) {
      return true;
    }
    // A negation, or a new time of a habit ("every Tuesday now"), sets the attribute whatever
    // object or time the known statement added to it.
    return (!candidate.value().equals("+") && k.startsWith(c + " "))
        || (known.value().equals("-") && c.startsWith(k + " "));
  }

  /**
   * The words of an attribute cut to a crude stem, so that "smoking", "smokes" and "smoke" (and
   * "running" and "run") name one attribute: -ing, then -es or -s, then a final e are cut, and a
   * doubled last consonant left by -ing is undone.
   */
  static String stems(String attribute) {
    StringBuilder out = new StringBuilder();
    for (String w : attribute.split(" ")) {
      String s = w;
      if (s.length() > 5 && s.endsWith("ing")) {
        s = s.substring(0, s.length() - 3);
        int n = s.length();
        if (n > 2 && s.charAt(n - 1) == s.charAt(n - 2) && "aeiouls".indexOf(s.charAt(n - 1)) < 0) {
          s = s.substring(0, n - 1);
        }
      } else if (s.length() > 4 && s.endsWith("es")) {
        s = s.substring(0, s.length() - 2);
      } else if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss")) {
        s = s.substring(0, s.length() - 1);
      }
      if (s.length() > 3 && s.endsWith("e")) {
        s = s.substring(0, s.length() - 1);
      }
      out.append(out.isEmpty() ? "" : " ").append(s);
    }
    return out.toString();
  }

  /** The same value of the same slot: already known, unless the candidate says more. */
  private static Verdict sameSlotValue(Candidate candidate, Memory known) {
    String slot = known.slot().orElseThrow().key();
    Difference d = Difference.between(candidate.text(), known.text());
    if (d.saysMore()) {
      return Verdict.of(Action.UPDATE, known.id(), candidate.text(),
          "refines memory " + known.id() + " (same " + slot + ", more detail: " + d.describe() + ")");
    }
    return Verdict.of(Action.NOOP, known.id(), known.text(),
        "already known as memory " + known.id() + " (same " + slot + ")");
  }
}
