package dev.engram.eval.answer;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Token F1 between a generated and a gold answer, as SQuAD computes it: both are lower-cased,
 * stripped of punctuation and of the articles a, an and the, and split on white space; F1 is the
 * harmonic mean of precision and recall over the shared tokens (counted with multiplicity).
 */
public final class TokenF1 {
  private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]");
  private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");

  private TokenF1() {}

  /** F1 from 0 to 1; 1 when both normalise to nothing, 0 when only one does. */
  public static double score(String generated, String gold) {
    List<String> g = tokens(generated);
    List<String> t = tokens(gold);
    if (g.isEmpty() || t.isEmpty()) {
      return g.isEmpty() && t.isEmpty() ? 1 : 0;
    }
    Map<String, Integer> counts = new HashMap<>();
    t.forEach(w -> counts.merge(w, 1, Integer::sum));
    int shared = 0;
    for (String w : g) {
      Integer left = counts.get(w);
      if (left != null && left > 0) {
        shared++;
        counts.put(w, left - 1);
      }
    }
    if (shared == 0) {
      return 0;
    }
    double precision = (double) shared / g.size();
    double recall = (double) shared / t.size();
    return 2 * precision * recall / (precision + recall);
  }

  /** The normalised answer: lower case, no punctuation, no articles, single spaces. */
  public static String normalize(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = PUNCTUATION.matcher(s).replaceAll("");
    s = ARTICLES.matcher(s).replaceAll(" ");
    return s.replaceAll("\\s+", " ").strip();
  }

  private static List<String> tokens(String text) {
    String s = normalize(text);
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
  }
}
