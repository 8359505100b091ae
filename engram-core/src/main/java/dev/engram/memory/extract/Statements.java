package dev.engram.memory.extract;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the first-person statement in a clause by its structure: a first-person subject ("I",
 * "I'm", "we", "my sister", "our house") followed by a predicate, after at most a short lead
 * (discourse words such as "honestly", "oh and", a time such as "last summer", or anything up to
 * a comma or colon, "Change of plan, ..."). Questions, and the few first-person phrases that are
 * conversation rather than fact ("I hope you're well", "I'm not sure", "I have a question"), are
 * not statements. No list of verbs is involved: any predicate after a first-person subject is
 * one, so "I ride a Vespa" and "My locker number is 112" are found alike.
 */
final class Statements {
  private static final String SUBJECT = "(?:i|i'm|i've|i'd|i'll|im|ive|we|we're|we've|we'd|we'll|my|our)";
  /** A subject and at least one more word. */
  private static final Pattern START = Pattern.compile(
      "^" + SUBJECT + "\\b(?:\\s+|(?<=\\w)\\s*)\\S.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern SUBJECT_WORD = Pattern.compile(
      "(?<![\\w'])" + SUBJECT + "(?![\\w'])", Pattern.CASE_INSENSITIVE);
  /** Words a statement may be led by before its subject. Not measured; chosen by hand. */
  private static final Set<String> LEAD =
      Set.of("actually", "so", "oh", "ok", "okay", "well", "honestly", "also", "btw", "anyway",
          "anyways", "yeah", "yes", "yep", "no", "nope", "and", "but", "plus", "sorry", "great",
          "cool", "right", "fyi", "lol", "haha", "now", "today", "yesterday", "tonight",
          "recently", "lately", "last", "this", "next", "summer", "winter", "spring", "autumn",
          "fall", "week", "month", "year", "weekend", "night", "morning", "evening", "then",
          "finally", "just", "guess", "what", "update", "news", "by", "the", "way", "seriously",
          "really", "hey", "hi", "hello", "um", "uh", "hmm", "oh,", "since", "for", "years",
          "these", "days", "nowadays", "currently", "good", "correction", "wait", "ah", "fun",
          "fact", "quick", "note", "in", "case", "you", "were", "wondering", "sadly", "luckily");
  /** Longest lead, in words, before the subject. Not measured; chosen by hand. */
  private static final int MAX_LEAD = 4;
  /** Longest lead ending in a comma or colon, in words. Not measured; chosen by hand. */
  private static final int MAX_PUNCTUATED_LEAD = 6;
  private static final Pattern QUESTION = Pattern.compile(
      "^(?:what|how|why|when|where|who|whom|whose|which|can|could|would|will|do|does|did|is|are"
          + "|was|were|should|shall|may|might|have|has|any|anything|isn't|aren't|don't|doesn't"
          + "|won't|wouldn't|shouldn't|can't|couldn't)\\b", Pattern.CASE_INSENSITIVE);
  /**
   * First-person phrases that carry the conversation, not a fact about the speaker. Not
   * measured; chosen by hand.
   */
  private static final Pattern CONVERSATION = Pattern.compile(
      "^(?:i hope (?:you|u|all|everything|that's|this)|i see(?:[,.!]|$| now| what)|i think so|i guess so|i know,?$"
          + "|i know right|i agree|i understand|i mean\\b|i appreciate|i'm (?:fine|good|ok|okay"
          + "|well|great|back|here|sorry|glad|not sure|so sorry|happy to hear|just kidding|just checking"
          + "|doing (?:well|good|great|fine|ok|okay))\\b|i am (?:fine|good|well|sorry|glad|not"
          + " sure)\\b|i was (?:just )?wondering|i wonder|i'm wondering|i (?:need|want|would like"
          + "|'d like) (?:some )?(?:help|advice|to ask|tips|ideas|a recommendation)|i have a"
          + " (?:quick )?question|i've got a question|i(?:'d| would) love (?:to|some|that)"
          + "|i (?:love|like) (?:that|this|it)\\b|i can't wait to hear|i'll let you know"
          + "|i'll think about it|i'll try (?:that|this|it)|i'll check|my pleasure"
          + "|my bad|my apologies|my thoughts exactly|we'll see)",
      Pattern.CASE_INSENSITIVE);

  /**
   * Words that name no fact of their own: auxiliaries, verbs of taking part in a conversation,
   * reactions, pronouns, words about the exchange. A statement made only of these ("I'll try
   * that", "I didn't know that", "I'm so excited!", "I have no idea") carries the conversation,
   * while "I love hiking" or "I'm excited about my trip" name something. Chosen by hand.
   */
  private static final Set<String> EMPTY =
      Set.of("do", "does", "did", "don't", "didn't", "doesn't", "will", "won't", "would", "can",
          "can't", "could", "should", "shall", "may", "might", "must", "just", "really", "so",
          "also", "totally", "absolutely", "definitely", "think", "know", "get", "got", "see",
          "hear", "hope", "mean", "guess", "agree", "love", "like", "try", "tried", "am", "is",
          "was", "are", "were", "be", "been", "have", "has", "had", "not", "never", "too", "feel",
          "believe", "understand", "need", "want", "let", "make", "sure", "right", "gonna",
          "wanna", "about", "of", "with", "for", "to", "a", "an", "the", "all", "at", "in", "on",
          "it", "that", "this", "you", "your", "there", "here", "now", "thanks", "thank",
          "lol", "haha", "then", "one", "again", "soon", "later", "yet", "either", "them",
          "those", "these", "what", "how", "way", "said", "well", "much", "more", "lot", "no",
          "idea", "clue", "problem", "worries", "answer", "answers", "suggestion", "suggestions",
          "advice", "tip", "tips", "help", "explanation", "reply", "response", "info",
          "information", "happy", "glad", "pleased", "satisfied", "grateful", "thankful",
          "sorry", "excited", "thrilled", "curious", "confused", "okay", "ok", "fine",
          "good", "great", "awesome", "amazing", "cool", "nice", "interesting", "helpful",
          "very", "quite", "pretty", "bit", "little", "appreciate", "it's", "that's", "check",
          "checking", "look", "looking", "into", "forward", "wait", "waiting", "go", "going",
          "out", "up", "give", "shot", "some", "any", "something", "anything", "or", "and",
          "but", "if", "because", "maybe", "probably", "i", "me", "we", "us", "my", "our",
          "i'm", "i'll", "i'd", "i've", "we're", "we'll", "we've", "we'd", "im");

  /** Lead words that say when, kept in the text of the statement ("Last summer I ..."). */
  private static final Pattern TIME_LEAD = Pattern.compile(
      "\\b(?:last|next|this|yesterday|today|tonight|summer|winter|spring|autumn|fall|week|month"
          + "|year|years|weekend|morning|evening|night|since|recently|lately|currently|nowadays"
          + "|days)\\b", Pattern.CASE_INSENSITIVE);

  /**
   * A statement.
   *
   * @param text what to keep: the clause from its subject on, or the whole clause when its lead
   *     says when ("Last summer I visited Kyoto")
   * @param core the clause from its first-person subject on, which the rules read
   */
  record Statement(String text, String core) {}

  private static final Pattern ONLY_SUBJECT =
      Pattern.compile(SUBJECT + "[.!,;:\\s]*", Pattern.CASE_INSENSITIVE);
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
  private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}']");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Statements() {}

  /**
   * The statement in {@code clause}, or empty when the clause is a question, conversation, or
   * has no first-person subject near its start.
   */
  static Optional<Statement> of(String clause) {
    String c = clause.strip();
    if (c.endsWith("?") || QUESTION.matcher(c).find()) {
      return Optional.empty();
    }
    Matcher m = SUBJECT_WORD.matcher(c);
    while (m.find()) {
      String lead = c.substring(0, m.start());
      if (leads(lead)) {
        String s = c.substring(m.start());
        if (START.matcher(s).matches() && !CONVERSATION.matcher(s).find() && !empty(s)
            && !ONLY_SUBJECT.matcher(s).matches()) {
          return Optional.of(new Statement(TIME_LEAD.matcher(lead).find() ? c : s, s));
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** True when a statement of "I" or "we" names nothing: every word is in {@link #EMPTY}. */
  static boolean empty(String statement) {
    String s = statement.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    if (s.startsWith("my ") || s.startsWith("our ")) {
      return false; // "my X ..." names X
    }
    for (String w : NON_WORD.split(s)) {
      if (!w.isEmpty() && !EMPTY.contains(w)) {
        return false;
      }
    }
    return true;
  }

  private static boolean leads(String lead) {
    String l = lead.strip();
    if (l.isEmpty()) {
      return true;
    }
    String[] words = SPACES.split(l.toLowerCase(Locale.ROOT));
    if ((l.endsWith(",") || l.endsWith(":") || l.endsWith("-") || l.endsWith("\u2014"))
        && words.length <= MAX_PUNCTUATED_LEAD && !QUESTION.matcher(l).find()) {
      return true;
    }
    if (words.length > MAX_LEAD) {
      return false;
    }
    for (String w : words) {
      if (!LEAD.contains(NOT_LETTER.matcher(w).replaceAll(""))) {
        return false;
      }
    }
    return true;
  }
}
