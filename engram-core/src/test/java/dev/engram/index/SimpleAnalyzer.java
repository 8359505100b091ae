package dev.engram.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tokens for {@link InMemoryIndex}'s BM25: lower case, letters and digits, English stop words
 * dropped, and a light suffix stemmer (plural s, -ing, -ed) so that "running marathons" matches
 * "runs marathon" as Lucene's English analyser does. A test fake, not a linguist.
 */
final class SimpleAnalyzer {
  private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "but",
      "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that",
      "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with");

  private SimpleAnalyzer() {}

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty() && !STOP.contains(w)) {
        out.add(stem(w));
      }
    }
    return out;
  }

  private static String stem(String w) {
    String s = w;
    if (s.length() > 5 && s.endsWith("ing")) {
      s = s.substring(0, s.length() - 3);
    } else if (s.length() > 4 && s.endsWith("ed")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss")) {
      s = s.substring(0, s.length() - 1);
    }
    int n = s.length();
    if (n > 3 && s.charAt(n - 1) == s.charAt(n - 2) && "aeiouls".indexOf(s.charAt(n - 1)) < 0) {
      s = s.substring(0, n - 1); // runn -> run
    }
    return s;
  }
}
