package dev.engram.eval.beliefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a memory's text states an expected fact. The rule: the text is lower-cased and split
 * into words (letters, digits and apostrophes; a trailing {@code 's} dropped, so "user's sister"
 * holds "sister"). Every key of the fact must be one of those words, or that word with an added
 * {@code s} or {@code es} or with {@code y} turned into {@code ies} ("plays" holds "play"). For a
 * fact that is not negated, a key counts only where none of the three words before it is a
 * negation ("doesn't smoke" does not state "smokes"); a negated fact also needs a negation word
 * somewhere in the text. Negations: not, no, never, nor, cannot, and any word ending in n't.
 */
public final class FactMatch {
  private static final int NEGATION_REACH = 3;
  private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "nor", "cannot");

  private FactMatch() {}

  /** True when {@code text} states {@code fact} by the rule above. */
  public static boolean states(String text, BeliefsScript.Fact fact) {
    List<String> words = words(text);
    boolean negation = words.stream().anyMatch(FactMatch::negation);
    if (fact.negated() && !negation) {
      return false;
    }
    for (String key : fact.keys()) {
      if (!holds(words, key, !fact.negated())) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(List<String> words, String key, boolean affirmed) {
    for (int i = 0; i < words.size(); i++) {
      if (!same(words.get(i), key)) {
        continue;
      }
      if (!affirmed || !negatedAt(words, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean negatedAt(List<String> words, int i) {
    for (int j = Math.max(0, i - NEGATION_REACH); j < i; j++) {
      if (negation(words.get(j))) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(String word, String key) {
    return word.equals(key) || word.equals(key + "s") || word.equals(key + "es")
        || (key.endsWith("y") && word.equals(key.substring(0, key.length() - 1) + "ies"));
  }

  private static boolean negation(String word) {
    return NEGATIONS.contains(word) || word.endsWith("n't");
  }

  /** The words of {@code text} as the rule reads them. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    for (String w : t.split("[^\\p{L}\\p{N}']+")) {
      String word = w.replaceAll("^'+|'+$", "");
      if (word.endsWith("'s")) {
        word = word.substring(0, word.length() - 2);
      }
      if (!word.isEmpty()) {
        out.add(word);
      }
    }
    return out;
  }
}
