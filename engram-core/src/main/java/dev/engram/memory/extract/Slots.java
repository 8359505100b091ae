package dev.engram.memory.extract;

import dev.engram.memory.model.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slot of a first-person statement that no named rule of {@link RuleExtractor} sets, read
 * from its structure, so that a later statement of the same attribute supersedes it:
 *
 * <ul>
 *   <li>"my|our X is Y": attribute X, value Y ("my locker number is 112": locker number = 112);
 *       for a person ("my landlord is Mr. Patel", "my son is 9") the attribute is who they are
 *       or their age, and a description ("my brother is a pilot") sets none;
 *   <li>"my X lives in|moved to Y": X's residence ("my sister lives in Oslo");
 *   <li>"I changed my X to Y": attribute X, value Y, as "my X is Y"; "I quit smoking": smoking = -;
 *   <li>"I am (not) X", "I (don't) VERB X": attribute "is X" or "VERB X" (content words), value
 *       the time it holds ("every Thursday", "on Mondays") or else + or - for a negation, so "I
 *       don't smoke anymore" supersedes "I smoke", and "I see a physio every Tuesday now" "... every
 *       Thursday"; when X starts with a number, the number is the value ("I have 24 cameras").
 * </ul>
 *
 * Past events ("I visited Rome") set no slot: they are not states, and two of them are two facts.
 */
final class Slots {
  /** Content words kept of an attribute or value. Not measured; chosen by hand. */
  private static final int WORDS = 3;
  /** Words of the subject of "my X is ..." before its verb, at most. Chosen by hand. */
  private static final int SUBJECT_WORDS = 4;

  private static final String NUMBER =
      "(?:\\d[\\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
          + "|thirty|forty|fifty|a couple of|a few|several|no)";
  private static final Pattern NUMBER_WORD = ci("(?<![\\w'])" + NUMBER + "(?![\\w'])");
  private static final Pattern POSSESSIVE_COPULA = ci(
      "^(?:my|our) ((?:[\\w'-]+ ){0,3}?[\\w'-]+) (?:is|are|was|were|has been|have been)"
          + "(?: (?:still|now|actually|definitely|currently))?(?: (?:called|named))? (.+)$");
  private static final Pattern POSSESSIVE_RESIDENCE = ci(
      "^(?:my|our) ((?:[\\w'-]+ ){0,2}?[\\w'-]+) (?:now |just |recently |finally |still )?"
          + "(?:lives|live|living|moved|has moved|have moved|is moving|are moving|relocated|settled)"
          + " (?:in|to|into) (.+)$");
  private static final Pattern CHANGED = ci(
      "^(?:i|we)(?: (?:just|finally|recently|also))? (?:changed|switched|updated|reset|set|moved"
          + "|raised|lowered|increased|reduced|cut) (?:my|our) ((?:[\\w'-]+ ){0,3}?[\\w'-]+)"
          + " (?:to|for) (.+)$");
  private static final Pattern STOPPED = ci(
      "^(?:i|we)(?:'ve| have)?(?: (?:just|finally|recently|also|already))? (?:quit|stopped|gave up"
          + "|given up) ([a-z]+ing)\\b ?(.*)$");
  private static final Pattern I_AM = ci(
      "^(?:i'm|im|i am|we're|we are)(?: (?:still|now|also|actually|really|currently|definitely"
          + "|no longer))*( not| never)?(?: (?:still|now|also|actually|really|currently))*"
          + "(?: a| an)? (.+)$");
  private static final Pattern I_VERB = ci(
      "^(?:i|we)(?: (?:still|now|also|actually|really|usually|always|often|sometimes|just"
          + "|mostly|normally|generally|no longer))*( don't| do not| never| can't| cannot| won't"
          + "| didn't)?(?: (?:still|really|usually|always|even|actually))*"
          + " ([a-z]+)(?: (?:up|out|off|on|in))?\\b ?(.*)$");
  private static final Pattern HAVE = ci(
      "^(?:i've|ive|we've|i have|we have)((?: (?:also|still|now|just|never|not|no longer))*)"
          + "( got)? (.+)$");
  private static final Pattern NEGATION = ci(
      "\\b(?:not|never|no longer|don't|doesn't|didn't|can't|cannot|won't|isn't|aren't|haven't"
          + "|hasn't|anymore|any more)\\b");
  /** Where a time begins: the when of a statement, kept as its value. */
  private static final Pattern WHEN = ci(
      "\\b(?:(?:in|on|at|by|until|till|from|every|each|this|next|last|since|starting) (?:the )?"
          + "(?:\\d+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b|(?:mon|tues|wednes"
          + "|thurs|fri|satur|sun)days?\\b|weekends?\\b|mornings?\\b|evenings?\\b|nights?\\b"
          + "|week\\b|month\\b|year\\b|summer\\b|winter\\b|spring\\b|autumn\\b|fall\\b|first\\b"
          + "|other\\b)|every \\w+|twice a|once a|(?:\\w+ )?times a|(?:a|per) (?:day|week|month|year|night)\\b|tomorrow|tonight|today|now"
          + "|these days|anymore|any more|no longer|so far|at the moment|currently|for now"
          + "|nowadays|again|as (?:i|we) said|like (?:i|we) said)\\b.*$");
  private static final Set<String> FILLER =
      Set.of("now", "anymore", "any", "more", "these", "days", "so", "far", "at", "the",
          "moment", "currently", "for", "nowadays", "again", "as", "like", "i", "we", "said",
          "no", "longer", "too", "though", "still");
  /** Words a slot leaves out: articles, prepositions, pronouns, intensifiers. Chosen by hand. */
  private static final Set<String> STOP =
      Set.of("the", "a", "an", "in", "of", "to", "my", "our", "at", "on", "for", "with", "some",
          "and", "very", "really", "just", "also", "still", "always", "usually", "often",
          "actually", "called", "named", "his", "her", "their", "your", "it", "is", "are", "that",
          "this", "so", "too", "quite", "pretty", "new", "current", "old", "late", "main", "real",
          "usual", "by", "way", "yeah", "yes", "lol", "haha", "from", "as", "well", "all", "about",
          "around", "roughly", "nearly", "almost", "over", "than");
  /** People and animals a "my X" subject names, whose attributes are who and how old. */
  private static final Set<String> PEOPLE =
      Set.of("sister", "brother", "son", "daughter", "mother", "mom", "mum", "father", "dad",
          "wife", "husband", "partner", "boyfriend", "girlfriend", "fiance", "fiancee", "fiancé",
          "fiancée", "friend", "cousin", "aunt", "uncle", "grandson", "granddaughter", "grandma",
          "grandmother", "grandpa", "grandfather", "nephew", "niece", "boss", "manager",
          "landlord", "landlady", "neighbour", "neighbor", "supervisor", "doctor", "gp",
          "dentist", "therapist", "midwife", "builder", "teacher", "coach", "roommate",
          "flatmate", "colleague", "coworker", "baby", "kid", "child", "dog", "cat", "puppy",
          "kitten", "parents", "kids", "children", "twins", "stepson", "stepdaughter", "mentor",
          "tutor", "trainer", "physio", "vet", "lawyer", "accountant", "best");
  /** Past forms after "I": events, which set no slot. Chosen by hand. */
  static final Set<String> PAST =
      Set.of("went", "got", "bought", "met", "ran", "took", "saw", "had", "made", "did", "gave",
          "found", "left", "became", "wrote", "built", "broke", "drew", "taught", "fell", "won",
          "lost", "sold", "told", "said", "thought", "felt", "kept", "spent", "sent", "paid",
          "heard", "began", "came", "ate", "drank", "flew", "drove", "rode", "swam", "sang",
          "knew", "grew", "threw", "caught", "brought", "fought", "sought", "chose", "forgot",
          "held", "led", "meant", "slept", "stood", "understood", "woke", "wore", "was", "were",
          "been", "used", "should", "could", "would", "might", "must", "may", "will", "shall",
          "sat", "stuck", "struck", "hung", "lent", "lit", "dealt", "fed", "bent", "bled", "bred",
          "dug", "hid", "shook", "spoke", "stole", "swore", "tore", "wove", "froze", "rose",
          "put", "cut", "hit", "let", "set", "shut", "quit", "hurt", "cost", "bet", "spun");
  /** Verbs after "I" that are conversation or opinion, not an attribute. Chosen by hand. */
  private static final Set<String> NO_SLOT =
      Set.of("think", "guess", "hope", "wish", "wonder", "mean", "feel", "believe", "suppose",
          "know", "need", "want", "am", "just", "really");
  /** Where a contrast begins, which is not part of the attribute: "chemistry, not physics". */
  private static final Pattern CONTRAST = ci(",? (?:not|rather than|instead of|but not) ");
  /** A negation after the verb that still negates it: "I don't smoke anymore". */
  private static final Pattern CHANGE = ci(
      "\\b(?:now|instead|these days|anymore|any more|no longer|from now on|after all|nowadays"
          + "|not anymore|changed|switched|moved|rescheduled)\\b");
  private static final Pattern NO_MORE = ci("\\b(?:anymore|any more|no longer)\\b");

  private static final Pattern TRAILING = Pattern.compile("[.!,;:]+$");
  private static final Pattern NOT_A_STATE = ci("^(?:to|no idea|a (?:question|feeling))\\b.*");
  private static final Pattern NEGATING_ADVERB = ci(".*\\b(?:never|not|no longer)\\b.*");
  private static final Pattern TO = ci("^to\\b.*");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}' ]");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Slots() {}

  /** The slot {@code core} sets for the speaker {@code subject}, if its structure names one. */
  static Optional<Slot> of(String core, String subject) {
    return of(core, subject, false);
  }

  /**
   * The slot {@code core} sets, where {@code change} says the statement changes what was (a
   * correction, "now", "instead"): only then is the time of a habit its value, so "I see a physio
   * every Tuesday now" replaces "... every Thursday", while "I go swimming on Fridays" and "... on
   * Wednesdays" are two habits.
   */
  static Optional<Slot> of(String core, String subject, boolean change) {
    boolean changes = change || CHANGE.matcher(core).find();
    String c = TRAILING.matcher(core.strip().replace('\u2019', '\'')).replaceFirst("");
    Matcher m = POSSESSIVE_RESIDENCE.matcher(c);
    if (m.find()) {
      return slot(subject + " " + words(m.group(1), SUBJECT_WORDS), "residence",
          words(cutWhen(m.group(2)), WORDS));
    }
    m = POSSESSIVE_COPULA.matcher(c);
    if (m.find()) {
      return possessive(subject, m.group(1), m.group(2));
    }
    m = CHANGED.matcher(c);
    if (m.find()) { // "I changed my wifi password to tulip43" sets what "my wifi password is" set
      String what = words(m.group(1), SUBJECT_WORDS);
      return person(m.group(1)) ? Optional.empty()
          : slot(subject, what, words(cutWhen(m.group(2)), WORDS));
    }
    m = STOPPED.matcher(c);
    if (m.find()) { // "I quit smoking" unsets what "I smoke" set; the consolidator matches the stems
      return state(subject, m.group(1).toLowerCase(Locale.ROOT), true, m.group(2), changes);
    }
    m = I_AM.matcher(c);
    if (m.find()) {
      return state(subject, "is", m.group(1) != null || NO_MORE.matcher(c).find(), m.group(2), changes);
    }
    m = HAVE.matcher(c);
    if (m.find()) {
      String first = SPACES.split(m.group(3))[0].toLowerCase(Locale.ROOT);
      if (NOT_A_STATE.matcher(m.group(3)).matches()
          || PAST.contains(first) || first.endsWith("ed")) {
        return Optional.empty(); // "I have to", "I've been", "I've lost 5 kg": not a state
      }
      boolean negated = NEGATING_ADVERB.matcher(m.group(1)).matches()
          || NO_MORE.matcher(c).find();
      return state(subject, "have", negated, m.group(3), changes);
    }
    m = I_VERB.matcher(c);
    if (m.find()) {
      String verb = m.group(2).toLowerCase(Locale.ROOT);
      if (PAST.contains(verb) || NO_SLOT.contains(verb) || verb.endsWith("ed")
          || (verb.equals("have") && TO.matcher(m.group(3)).matches())) {
        return Optional.empty();
      }
      boolean negated = m.group(1) != null || NO_MORE.matcher(c).find();
      return state(subject, verb, negated, m.group(3), changes);
    }
    return Optional.empty();
  }

  /** "my X is Y": what X is, for a thing; who or how old, for a person. */
  private static Optional<Slot> possessive(String subject, String x, String y) {
    String what = words(x, SUBJECT_WORDS);
    if (what.isEmpty()) {
      return Optional.empty();
    }
    String value = y.strip();
    if (!person(x)) {
      return slot(subject, what, words(value, WORDS));
    }
    Matcher age = ci("^(" + NUMBER + ")(?: years? old)?\\b").matcher(value);
    if (age.find()) {
      return slot(subject + " " + what, "age", norm(age.group(1)));
    }
    if (Character.isUpperCase(value.charAt(0))) { // a name: "Mr. Patel", "Joy now"
      return slot(subject, what, words(cutWhen(value), WORDS));
    }
    return Optional.empty();
  }

  /**
   * True when "my X" names a person or pet: its last word is one ("my best friend"), or its
   * first is and a name follows ("my brother Luca"); "my dentist appointment" is a thing.
   */
  private static boolean person(String x) {
    String[] words = x.strip().split("\\s+");
    String last = words[words.length - 1].toLowerCase(Locale.ROOT);
    if (PEOPLE.contains(last)) {
      return true;
    }
    if (!PEOPLE.contains(words[0].toLowerCase(Locale.ROOT))) {
      return false;
    }
    for (int i = 1; i < words.length; i++) {
      if (!Character.isUpperCase(words[i].charAt(0))) {
        return false;
      }
    }
    return true;
  }

  /** A state of the speaker: "is vegan", "play cello", "have cameras" = 24, "see physio" = tuesday. */
  private static Optional<Slot> state(String subject, String verb, boolean negated, String rest,
      boolean changes) {
    String object = rest.strip();
    Matcher contrast = CONTRAST.matcher(object);
    if (contrast.find()) {
      object = object.substring(0, contrast.start());
    }
    String when = "";
    Matcher w = WHEN.matcher(object);
    if (w.find()) {
      when = object.substring(w.start());
      object = object.substring(0, w.start());
    }
    // A number is the value, the rest the attribute: "have 24 cameras", "take 20 mg citalopram".
    List<String> numbers = new ArrayList<>();
    Matcher n = NUMBER_WORD.matcher(object);
    StringBuilder left = new StringBuilder();
    while (n.find()) {
      numbers.add(norm(n.group()));
      n.appendReplacement(left, " ");
    }
    n.appendTail(left);
    object = left.toString();
    String count = String.join(" ", numbers);
    String attribute = words(object, WORDS);
    if (attribute.isEmpty() && (verb.equals("is") || verb.equals("have"))) {
      return Optional.empty(); // "I'm not", "I have": no attribute named
    }
    String whenWords = words(when, WORDS, FILLER);
    if (!changes && !whenWords.isEmpty() && !negated && count.isEmpty()) {
      return slot(subject, (verb + " " + attribute + " " + whenWords).strip(), "+");
    }
    String value = negated ? "-" : !count.isEmpty() ? count : whenWords.isEmpty() ? "+" : whenWords;
    return slot(subject, (verb + " " + attribute).strip(), value);
  }

  private static String cutWhen(String s) {
    Matcher w = WHEN.matcher(s);
    return w.find() ? s.substring(0, w.start()) : s;
  }

  private static Optional<Slot> slot(String subject, String attribute, String value) {
    if (attribute.isBlank()) {
      return Optional.empty();
    }
    String v = value.equals("+") || value.equals("-") ? value : norm(value);
    return Optional.of(new Slot(norm(subject), norm(attribute), v));
  }

  private static String words(String s, int n) {
    return words(s, n, Set.of());
  }

  /** The first {@code n} content words of {@code s}, negations and {@code skip} left out. */
  private static String words(String s, int n, Set<String> skip) {
    List<String> out = new ArrayList<>();
    for (String w : norm(s).split(" ")) {
      if (w.isEmpty() || STOP.contains(w) || skip.contains(w) || NEGATION.matcher(w).matches()) {
        continue;
      }
      out.add(w.endsWith("'s") ? w.substring(0, w.length() - 2) : w);
      if (out.size() == n) {
        break;
      }
    }
    return String.join(" ", out);
  }

  static String norm(String s) {
    return SPACES.matcher(NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ").strip();
  }

  private static Pattern ci(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }
}
