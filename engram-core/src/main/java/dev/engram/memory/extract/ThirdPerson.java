package dev.engram.memory.extract;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a first-person sentence in the third person with the speaker's name ("I love hiking"
 * becomes "Caroline loves hiking"). Only the easy, common forms are rewritten; anything else is
 * left as said, which is still a faithful memory.
 */
final class ThirdPerson {

  private static final Pattern I_VERB = Pattern.compile(
      "\\bI ((?:just|really|also|still|always|never|usually|often|sometimes|totally|absolutely"
          + "|actually|truly|even|now|only) )?([a-z]+)\\b(?!')");
  private static final Set<String> PRESENT =
      Set.of(
          "love", "like", "enjoy", "prefer", "adore", "hate", "dislike", "want", "need", "work",
          "live", "play", "own", "think", "feel", "know", "plan", "hope", "go", "do", "believe",
          "collect", "teach", "study", "run", "cook", "paint", "write", "read", "watch", "miss",
          "volunteer", "use", "make", "keep", "try", "wish", "see", "care", "get", "find", "mean",
          "practice", "practise", "listen", "spend", "visit", "take", "support", "look", "help",
          "remember", "guess", "agree", "appreciate", "struggle", "admire", "dream", "wonder",
          "say", "call", "bake", "dance", "sing", "draw", "ride", "swim", "hike", "travel",
          "learn", "grow", "fix", "build", "create", "speak", "wear", "eat", "drink", "cherish",
          "treasure", "value", "owe", "belong", "expect", "mentor");

  /** Whole-word patterns of the words rewritten, compiled once. */
  private static final Map<String, Pattern> WORDS = new ConcurrentHashMap<>();
  private static final Pattern AND_I = Pattern.compile("\\band I(?= (?:are|were|have|both|will|would|can)\\b)");
  private static final Pattern NOT_PRESENT =
      Pattern.compile("wanna|gonna|gotta|can|cannot|must|ought|need|dare|a|an|the|and|too");
  private static final Pattern ES = Pattern.compile(".*(s|sh|ch|x|o)");
  private static final Pattern IES = Pattern.compile(".*[^aeiou]y");

  private ThirdPerson() {}

  /** {@code sentence} with first-person forms replaced by {@code name}. */
  static String rewrite(String sentence, String name) {
    String s = sentence.strip().replace('\u2019', '\'');
    s = replaceWord(s, "I'm", name + " is");
    s = replaceWord(s, "I am", name + " is");
    s = replaceWord(s, "I've", name + " has");
    s = replaceWord(s, "I'd", name + " would");
    s = replaceWord(s, "I'll", name + " will");
    s = replaceWord(s, "I have", name + " has");
    s = replaceWord(s, "I don't", name + " doesn't");
    s = replaceWord(s, "I do not", name + " does not");
    s = replaceWord(s, "I was", name + " was");
    // "My husband and I are": a subject of two, whose verb stays as said.
    s = AND_I.matcher(s).replaceAll(Matcher.quoteReplacement("and " + name));
    Matcher m = I_VERB.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String adverb = m.group(1) == null ? "" : m.group(1);
      String verb = m.group(2);
      String conjugated = present(verb.toLowerCase(Locale.ROOT)) ? third(verb) : verb;
      m.appendReplacement(out, Matcher.quoteReplacement(name + " " + adverb + conjugated));
    }
    m.appendTail(out);
    s = out.toString();
    s = replaceWord(s, "I", name);
    s = replaceWord(s, "my", name + "'s");
    s = replaceWord(s, "My", name + "'s");
    s = replaceWord(s, "mine", name + "'s");
    s = replaceWord(s, "myself", "themselves"); // "Ann enjoys herself"; the gender is unknown
    s = replaceWord(s, "me", name);
    if (name.startsWith("The ")) {
      // "The user" inside a sentence is "the user": "The user is defending the user's thesis".
      s = Pattern.compile("(?<=\\S\\s)" + Pattern.quote(name)).matcher(s)
          .replaceAll(Matcher.quoteReplacement("t" + name.substring(1)));
    }
    return s;
  }

  /**
   * True when {@code verb}, said after "I", is in the present: a known present verb, or any word
   * that is not a past form, a modal or an adverb ("I cycle", "I smoke", but "I sold", "I can",
   * "I mostly").
   */
  private static boolean present(String verb) {
    return PRESENT.contains(verb)
        || (!Slots.PAST.contains(verb) && !verb.endsWith("ed") && !verb.endsWith("ly")
            && !NOT_PRESENT.matcher(verb).matches());
  }

  private static String third(String verb) {
    if (verb.equals("have")) {
      return "has";
    }
    if (ES.matcher(verb).matches()) {
      return verb + "es";
    }
    if (IES.matcher(verb).matches()) {
      return verb.substring(0, verb.length() - 1) + "ies";
    }
    return verb + "s";
  }

  private static String replaceWord(String s, String word, String with) {
    Pattern p = WORDS.computeIfAbsent(word, w -> Pattern.compile("(?<![\\w'])" + Pattern.quote(w) + "(?![\\w'])"));
    return p.matcher(s).replaceAll(Matcher.quoteReplacement(with));
  }
}
