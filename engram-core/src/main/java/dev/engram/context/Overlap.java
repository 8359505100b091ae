package dev.engram.context;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Word-set overlap between texts, on lower-cased words with a light suffix stemming ("lives" and
 * "live" match): used to find near-duplicates and the sentences that answer a question.
 */
public final class Overlap {
  private static final Set<String> STOP = Set.of(
      "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
      "from", "is", "are", "was", "were", "be", "been", "do", "does", "did", "i", "me", "my", "you",
      "your", "it", "its", "this", "that", "what", "which", "who", "where", "when", "how", "why",
      "can", "could", "should", "would", "will", "now", "there", "as", "if", "so", "not", "no",
      "user", "assistant", "s", "t", "about", "tell", "any", "has", "have", "had");

  /** A few verbs people use for the same attribute ("moved to Berlin" answers "where do I live"). */
  private static final java.util.Map<String, String> SAME = java.util.Map.of(
      "mov", "liv", "relocat", "liv", "resid", "liv", "favourit", "favorit", "enjoy", "lik",
      "lov", "lik");

  private Overlap() {}

  /**
   * The content words of {@code text}, stemmed; stop words dropped. Words are the runs of letters
   * and numbers ({@code \p{L}}, {@code \p{N}}) of the lower-cased text, found by a scan rather
   * than a regular expression split: the split was a tenth of a context's CPU (profile of
   * {@code Engram.context} with cached query vectors, 2026-12-02), and on 2,000 SciFact abstracts
   * this method now takes 28-33 us per text instead of 40-47; {@code OverlapTest} checks the scan
   * against the split.
   */
  public static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : tokens(text.toLowerCase(Locale.ROOT))) {
      if (!STOP.contains(w)) {
        String stem = stem(w);
        out.add(SAME.getOrDefault(stem, stem));
      }
    }
    return out;
  }

  /** The runs of letters and numbers in {@code text}, in order. */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (isWordChar(cp)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        out.add(text.substring(start, i));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      out.add(text.substring(start));
    }
    return out;
  }

  /** A letter or a number, as {@code [\p{L}\p{N}]} matches it. */
  static boolean isWordChar(int cp) {
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    int type = Character.getType(cp);
    return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  /** Shared words over the words of the smaller set, 0 when either is empty. */
  public static double containment(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    return (double) shared(a, b) / Math.min(a.size(), b.size());
  }

  /** The fraction of {@code query}'s words found in {@code text}. */
  public static double coverage(Set<String> query, Set<String> text) {
    return query.isEmpty() ? 0 : (double) shared(query, text) / query.size();
  }

  private static int shared(Set<String> a, Set<String> b) {
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    int n = 0;
    for (String w : small) {
      if (large.contains(w)) {
        n++;
      }
    }
    return n;
  }

  /** Strips plural s, -ing, -ed and a final e, so "lives", "living" and "live" meet. */
  static String stem(String w) {
    String s = w;
    if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.length() > 5 && s.endsWith("ing")) {
      s = s.substring(0, s.length() - 3);
    } else if (s.length() > 4 && s.endsWith("ed")) {
      s = s.substring(0, s.length() - 2);
    }
    if (s.length() > 3 && s.endsWith("e")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
