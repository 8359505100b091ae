package dev.engram.memory.recall;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a recall query worth matching by BM25: question words and auxiliaries ("what",
 * "did", "does", "would") match nearly every message of a chat and only add noise to the text
 * search; the vector search keeps the whole question.
 */
final class QueryWords {
  /**
   * Dropped from the text query. Came with commit 0d20f29, whose four changes together (with RRF
   * k 8, the speaker factor and sliding windows) took LoCoMo evidence recall@10 from 0.7816 to
   * 0.8316; this list's own share was not measured apart, nor was each word.
   */
  private static final Set<String> NOISE = Set.of(
      "what", "when", "where", "who", "whom", "whose", "which", "why", "how", "did", "does", "do",
      "done", "is", "are", "was", "were", "am", "be", "been", "being", "has", "have", "had",
      "would", "could", "should", "can", "will", "might", "may", "shall", "must", "kind", "kinds",
      "type", "types", "sort", "some", "any", "ever", "also", "likely", "probably", "something",
      "anything", "thing", "things", "her", "his", "him", "she", "he", "they", "them", "their",
      "its", "it", "much", "many", "lot", "get", "got");
  private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}']+");

  private QueryWords() {}

  /** The lower-case words of {@code query}, possessives stripped: the names it may mention. */
  static Set<String> names(String query) {
    Set<String> out = new java.util.HashSet<>();
    for (String w : WORD.split(query)) {
      String bare = w.toLowerCase(Locale.ROOT).replaceAll("'s?$", "");
      if (!bare.isEmpty()) {
        out.add(bare);
      }
    }
    return out;
  }

  /** {@code query} without question words; the query itself when nothing else is left. */
  static String forText(String query) {
    StringBuilder out = new StringBuilder();
    for (String w : WORD.split(query)) {
      String bare = w.toLowerCase(Locale.ROOT).replaceAll("'s$", "").replace("'", "");
      if (!bare.isEmpty() && !NOISE.contains(bare)) {
        out.append(out.isEmpty() ? "" : " ").append(w);
      }
    }
    return out.isEmpty() ? query : out.toString();
  }
}
