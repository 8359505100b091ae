package dev.engram.memory.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a compound sentence into clauses that each have their own subject: "I live in Paris and
 * I love hiking" is two facts, and a later "I moved to Berlin" must be able to close the first
 * without losing the second. Clauses are joined by "and", "but", "plus", a semicolon, or a comma
 * before the next subject ("I play chess, my rating is 1450"); a clause
 * without its own subject ("I went hiking and loved it") stays with the one before.
 */
public final class Clauses {
  private static final String FIRST_PERSON = "i|i'm|i've|i'd|i'll|we|we're|we've|we'll|my|our";

  private static final Pattern FIRST_PERSON_JOIN = join(FIRST_PERSON);
  private static final Pattern FIRST_PERSON_SUBJECT = subject(FIRST_PERSON);
  private static final Pattern END = Pattern.compile(".*?([.!?]*)$", Pattern.DOTALL);
  private static final Pattern TRAILING = Pattern.compile("[.!?,;]+$");

  private Clauses() {}

  /** The first-person clauses of {@code sentence}, in order; the sentence itself when it has one. */
  public static List<String> firstPerson(String sentence) {
    return split(sentence, FIRST_PERSON_JOIN, FIRST_PERSON_SUBJECT);
  }

  /**
   * The clauses of {@code sentence} whose subject is {@code name} or a first-person word, in
   * order ("Ann lives in Paris and Ann loves hiking" is two).
   */
  public static List<String> about(String sentence, String name) {
    String subjects = Pattern.quote(name) + "(?:'s)?|" + FIRST_PERSON;
    return split(sentence, join(subjects), subject(subjects));
  }

  /** True when {@code clause} has every word of {@code value} ("berlin", "acme corp"). */
  public static boolean mentions(String clause, String value) {
    String c = " " + clause.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']+", " ") + " ";
    for (String w : value.toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
      if (!w.isBlank() && !c.contains(" " + w + " ")) {
        return false;
      }
    }
    return true;
  }

  private static Pattern join(String subjects) {
    return Pattern.compile(
        "\\s*(?:;\\s*|,?\\s+(?:and|but|plus|and also)\\s+|,\\s+)(?=(?:" + subjects + ")\\b)"
            // "My husband and I are moving": one subject of two people, not two clauses
            + "(?!(?:i|we) (?:are|were|have|both|together|will|'re|'ve)\\b)",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static Pattern subject(String subjects) {
    return Pattern.compile("(?<![\\w'])(?:" + subjects + ")(?![\\w'])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static List<String> split(String sentence, Pattern join, Pattern subject) {
    String whole = sentence.strip();
    String end = END.matcher(whole).replaceFirst("$1");
    // A part without a subject of its own ("Honestly, I ...", "Tom and I ...") stays with the
    // part after it, as said.
    List<String> parts = new ArrayList<>();
    Matcher m = join.matcher(whole);
    int from = 0;
    String pending = "";
    while (m.find()) {
      String part = whole.substring(from, m.start());
      if (subject.matcher(part).find()) {
        parts.add(pending + part);
        pending = "";
      } else {
        pending = pending + whole.substring(from, m.end());
      }
      from = m.end();
    }
    parts.add(pending + whole.substring(from));
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      p = TRAILING.matcher(p).replaceFirst("");
      out.add(p + (end.isEmpty() ? "." : end));
    }
    if (out.size() <= 1) {
      return List.of(whole);
    }
    return out;
  }
}
