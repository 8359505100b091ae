package dev.engram.memory.consolidate;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a statement says that another does not, word by word: the content words each has that
 * the other lacks, and whether one is negated and the other not. Embedding similarity cannot
 * tell "I visited village3" from "I visited village4" (cosine 0.98) or "I smoke" from "I don't
 * smoke"; the words can. Function words, the words of restating ("as I said", "actually") and a
 * plural s do not count.
 *
 * @param added content words of the candidate that the known statement does not have
 * @param dropped content words of the known statement that the candidate does not have
 * @param negationDiffers true when exactly one of the two is negated
 */
record Difference(Set<String> added, Set<String> dropped, boolean negationDiffers) {
  private static final Pattern NEGATION =
      Pattern.compile("^(?:not|no|never|nor|cannot|none|nothing|longer|anymore|.*n't)$");
  /** Words that carry no fact of their own. Chosen by hand. */
  private static final Set<String> FUNCTION =
      Set.of("the", "a", "an", "in", "of", "to", "at", "on", "for", "with", "and", "or", "is",
          "are", "am", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did",
          "it", "its", "that", "this", "these", "those", "there", "my", "our", "his", "her",
          "their", "your", "i", "we", "me", "us", "he", "she", "they", "you", "user", "by", "as",
          "so", "too", "also", "just", "really", "actually", "still", "like", "said", "say",
          "told", "tell", "mentioned", "mention", "already", "again", "yeah", "yes", "remember",
          "know", "way", "well", "honestly", "lol", "haha", "ok", "okay", "btw", "though",
          "course", "anyway", "indeed", "oh", "um", "very", "some", "from", "about", "all",
          "would", "will", "can", "could", "got", "get", "now", "i'm", "i've", "i'd", "i'll",
          "we're", "we've", "it's", "that's");

  Difference {
    // In the order the words come, for a reason that reads like the text.
    added = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(added));
    dropped = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(dropped));
  }

  /** How {@code candidate} differs from {@code known}. */
  static Difference between(String candidate, String known) {
    Set<String> c = content(candidate);
    Set<String> k = content(known);
    Set<String> added = new LinkedHashSet<>(c);
    added.removeAll(k);
    Set<String> dropped = new LinkedHashSet<>(k);
    dropped.removeAll(c);
    return new Difference(added, dropped, negated(candidate) != negated(known));
  }

  /** True when both texts have the same words, function words included, in any order. */
  static boolean sameWords(String a, String b) {
    return Set.of(words(a)).equals(Set.of(words(b)));
  }

  /** True when the candidate says nothing the known statement does not. */
  boolean nothingNew() {
    return added.isEmpty() && !negationDiffers;
  }

  /** True when the candidate says all the known statement says, and more. */
  boolean saysMore() {
    return dropped.isEmpty() && !added.isEmpty() && !negationDiffers;
  }

  /** The difference in words, for a verdict's reason: "negation", "village4 for village3". */
  String describe() {
    if (negationDiffers) {
      return "negation";
    }
    String a = String.join(" ", added);
    return dropped.isEmpty() ? "adds " + a : a.isEmpty() ? "leaves out " + String.join(" ", dropped)
        : a + " for " + String.join(" ", dropped);
  }

  private static boolean negated(String text) {
    for (String w : words(text)) {
      if (NEGATION.matcher(w).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> content(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : words(text)) {
      if (FUNCTION.contains(w) || NEGATION.matcher(w).matches()) {
        continue;
      }
      // "plays" and "play", "kids" and "kid" are one word; "2s" and "bus" are left alone
      out.add(w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && Character.isLetter(w.charAt(0))
          ? w.substring(0, w.length() - 1) : w);
    }
    return out;
  }

  private static String[] words(String text) {
    return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).replace('\u2019', '\'')
        .replaceAll("'s\\b", "").replaceAll("[^\\p{L}\\p{N}']+", " ").strip().split(" "))
        .distinct().toArray(String[]::new);
  }
}
