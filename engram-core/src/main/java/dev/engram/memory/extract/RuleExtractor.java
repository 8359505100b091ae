package dev.engram.memory.extract;

import dev.engram.memory.model.Episode;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Slot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default extractor: sentence rules, no model, a few microseconds per message. It finds
 * first-person facts, preferences and dislikes, plans and past events (dates resolved by {@link
 * RelativeDates} and written into the text by {@link TimeText}), identity and relations, explicit "remember that ..." requests, and corrections
 * and feedback. Only messages of role {@code user} are read: the assistant's words are not facts
 * about the user. Each clause with its own first-person subject yields at most one candidate.
 */
public final class RuleExtractor implements Extractor {

  /** Longest candidate text, in characters; longer ones are cut. Not measured; chosen by hand. */
  private static final int MAX_TEXT = 400;
  /** The object of a rule: 2 to 80 characters up to a clause break. Not measured; chosen by hand. */
  private static final String OBJ = "([^,.;!?]{2,80}?)(?=[,.;!?]| and | but | because | so |$)";
  /**
   * Content words kept of a slot value: "Berlin last month" and "Berlin" are one place. Not
   * measured; chosen by hand.
   */
  private static final int VALUE_WORDS = 3;

  // Importances, 0 to 1, by kind of statement; those of the slot rules are in SLOTS (name 0.8,
  // residence and employer 0.75, occupation, age, origin and relationship 0.7, a favourite 0.6).
  // None was measured; all were chosen by hand. Recall weighs importance by 0.1 by default
  // (RecallWeights.importance).
  /** A statement the user asked to be remembered ("remember that ..."). */
  private static final double ASKED_TO_REMEMBER_IMPORTANCE = 0.9;
  /** Added to a correction ("Actually, ..."), up to 1. */
  private static final double CORRECTION_BONUS = 0.2;
  /** A liking or dislike ("I love hiking"). */
  private static final double LIKING_IMPORTANCE = 0.55;
  /** A plan or a past event. */
  private static final double EVENT_IMPORTANCE = 0.5;
  /** Identity and relations ("I have a dog", "my sister ..."). */
  private static final double IDENTITY_IMPORTANCE = 0.6;
  /** Any other first-person statement ("I ride a Vespa to work", "My locker number is 112"). */
  private static final double STATEMENT_IMPORTANCE = 0.5;
  /** Feedback on the assistant ("please be more concise"). */
  private static final double FEEDBACK_IMPORTANCE = 0.7;

  /** Sentence ends, but not after a title or common abbreviation ("Mr. Patel", "Dr. Okafor"). */
  private static final Pattern CHANGE_OF_PLAN =
      ci("\\b(?:change of plans?|plans? changed|update|correction|scratch that)\\b");
  private static final Pattern QUESTION_TAIL = ci(
      "^(.{6,}?)\\s*(?:,|;|\\s[-\u2013\u2014])\\s*(?:so |and |but )?(?:what|how|why|when|where|which"
          + "|who|can|could|would|will|do|does|should|any|is|are|got)\\b[^,;]*\\?$");
  private static final Pattern SENTENCE = Pattern.compile(
      "(?<=[.!?])(?<!\\b(?:Mr|Mrs|Ms|Dr|St|Prof|Jr|Sr|Mt|vs|etc|approx|no|No)\\.)\\s+|\\n+");
  private static final Pattern REMEMBER =
      ci("^(?:please\\s+)?(?:remember|note|don't forget|keep in mind)\\s+(?:that\\s+)?(.+)$");
  private static final Pattern CORRECTION =
      ci("^(?:actually|no|nope|correction|wait|sorry)\\b[,:!. ]*\\s*(.*)$");
  private static final Pattern WRONG =
      ci("\\b(that's wrong|that is wrong|that's not right|that's not true|not true|you're wrong"
          + "|you are wrong|incorrect|you got it wrong|i told you)\\b");
  private static final Pattern FEEDBACK =
      ci("\\b(you should|you shouldn't|please don't|please do not|don't ever|stop (?:doing|saying"
          + "|using|calling)|next time|i'd rather you|please always|always use|never use"
          + "|please use|be more|be less|too long|too short|too verbose)\\b");
  private static final List<SlotRule> SLOTS =
      List.of(
          new SlotRule(MemoryKind.FACT, 0.75, "residence",
              ci("\\b(?:i|we)(?:'m| am|'ve| have|'re| are)? ?(?:now |just |recently )?(?:live|living"
                  + "|lived|moved|relocated|moving|settled) (?:in|to|into) " + OBJ)),
          new SlotRule(MemoryKind.FACT, 0.75, "employer",
              ci("\\bi(?:'m| am)? ?(?:now |still )?(?:work|working|started working) (?:at|for) "
                  + OBJ)),
          new SlotRule(MemoryKind.FACT, 0.75, "employer",
              ci("\\bi (?:just |recently |finally )?(?:got|started|accepted|have|took|landed) a"
                  + " (?:new )?job (?:at|with) " + OBJ)),
          new SlotRule(MemoryKind.FACT, 0.7, "occupation",
              ci("\\bi(?:'m| am)? ?(?:work|working) as (?:a |an )?" + OBJ)),
          new SlotRule(MemoryKind.FACT, 0.7, "age",
              ci("^i(?:'m| am) (?:now )?(\\d{1,3})(?: years? old\\b|(?= now\\b| already\\b|[,.!]|$))")),
          new SlotRule(MemoryKind.FACT, 0.7, "origin",
              ci("\\bi(?:'m| am) (?:originally )?from " + OBJ)),
          new SlotRule(MemoryKind.FACT, 0.7, "relationship",
              ci("\\bi(?:'m| am) (?:now |still )?(single|married|divorced|engaged|widowed"
                  + "|in a relationship)\\b")),
          new SlotRule(MemoryKind.FACT, 0.8, "name", ci("\\b(?:my name is|call me) " + OBJ)),
          new SlotRule(MemoryKind.PREFERENCE, 0.6, "favorite",
              ci("\\bmy (?:favorite|favourite) ([a-z]+(?: [a-z]+)?) (?:is|are) " + OBJ)));
  private static final Pattern PREFERENCE =
      ci("\\b(?:i|we) (?:really |absolutely |totally |just |also |still |truly )?(love|like"
          + "|enjoy|prefer|adore|hate|dislike|can't stand|don't like|do not like|don't enjoy"
          + "|(?:'m|am) (?:really )?into|(?:'m|am) a (?:huge |big )?fan of"
          + "|(?:'m|am) passionate about) " + OBJ
          + "|\\b(?:i'm|i am|we're|we are) (?:really |also |such |still )?(a (?:huge |big |massive )?fan of"
          + "|into|obsessed with|crazy about|passionate about|addicted to|not a fan of|not into) " + OBJ);
  private static final Pattern PLAN =
      ci("\\b(?:i|we)(?:'m| am|'re| are)? ?(?:going to|gonna|planning to|planning on|about to"
          + "|thinking of|thinking about|plan to|intend to|hope to|want to|'ll|will|signed up"
          + "|booked|scheduled)\\b");
  private static final Pattern PAST =
      ci("\\b(?:i|we) (?:just |finally |recently |also |actually )?(went|visited|started|finished"
          + "|joined|got|bought|met|ran|took|attended|adopted|graduated|moved|traveled|travelled"
          + "|won|lost|made|painted|volunteered|celebrated|tried|learned|learnt|baked|saw|had"
          + "|wrote|built|created|did|gave|received|found|quit|left|returned|became|completed"
          + "|published|launched|opened|played|hosted|organized|organised|participated|competed"
          + "|performed|broke|picked up|signed|decided|spent|cooked|drew|planted|read|taught"
          + "|helped|hiked|camped|visited|started|applied|passed|failed|fell|raised|donated)\\b");
  private static final Pattern IDENTITY =
      ci("\\b(?:i(?:'m| am) (?:a|an) |i (?:also |still |now |just )?(?:'ve|have)(?: got)? (?!to\\b|been\\b|no\\b|a feeling\\b)"
          + "|my (?:sister|brother|mom|mother|dad|father|wife|husband|partner|boyfriend"
          + "|girlfriend|son|daughter|kids?|children|family|friends?|best friend|cousin|aunt"
          + "|uncle|grandma|grandmother|grandpa|grandfather|boss|colleague|coworker|roommate"
          + "|dogs?|cats?|pets?)\\b)");
  private static final Pattern NEGATIVE =
      ci("^(hate|dislike|can't stand|don't like|do not like|don't enjoy|not a fan of|not into)$");

  private static final Pattern TIME_WORDS =
      ci(" (?:(?:last|next|this|past|coming) (?:week|month|year|weekend|night)|yesterday|today"
          + "|tomorrow|now|recently|already|again|too|anymore|(?:a |\\w+ )?(?:days?|weeks?|months?"
          + "|years?) ago)(?= )");
  private static final Pattern STOP_WORDS = ci(" (?:the|a|an|in|of|to|my|our|at|on|for|with|some)(?= )");

  private final RelativeDates dates;
  private final TimeText times;

  /** An extractor resolving relative dates in {@code zone}. */
  public RuleExtractor(ZoneId zone) {
    this.dates = new RelativeDates(zone);
    this.times = new TimeText(dates);
  }

  @Override
  public List<Candidate> extract(List<Episode> messages) {
    List<Candidate> out = new ArrayList<>();
    Map<String, Candidate> lastSlotted = new HashMap<>(); // per speaker, for "actually, it's ..."
    for (Episode message : messages) {
      if (!message.role().equals("user")) {
        continue;
      }
      String name = displayName(message.speaker());
      for (String sentence : SENTENCE.split(message.text().replace('\u2019', '\''))) {
        // One candidate per clause with its own subject: a compound sentence holds several facts,
        // and a later contradiction of one must not close the others.
        for (String clause : Clauses.firstPerson(statementBeforeQuestion(sentence.strip()))) {
          Optional<Candidate> found = sentence(clause, name, message)
              .or(() -> Corrections.of(clause, lastSlotted.get(name), message))
              .filter(c -> !saysOnlyTheName(c.text(), name));
          found.ifPresent(out::add);
          found.filter(c -> c.slot().isPresent()).ifPresent(c -> lastSlotted.put(name, c));
        }
      }
    }
    return out;
  }

  /**
   * True for "Maya is Maya." (from "Hi, I'm Maya." said by Maya): the speaker's name is already
   * who the memories are about, so the memory would say nothing.
   */
  private static boolean saysOnlyTheName(String text, String name) {
    return text.replaceAll("[.!\\s]+$", "").equalsIgnoreCase(name + " is " + name);
  }

  /**
   * The statement of a sentence that ends in a question ("I'm vegan, what should I cook
   * tonight?" states that the speaker is vegan); the sentence itself otherwise.
   */
  private static String statementBeforeQuestion(String sentence) {
    Matcher m = QUESTION_TAIL.matcher(sentence);
    return m.matches() ? m.group(1).strip() + "." : sentence;
  }

  private Optional<Candidate> sentence(String sentence, String name, Episode message) {
    if (sentence.endsWith("?") || sentence.split("\\s+").length < 2) {
      return Optional.empty();
    }
    Matcher m = REMEMBER.matcher(sentence);
    if (m.matches()) {
      String body = m.group(1);
      return Optional.of(
          classify(body, name, message, false)
              .map(c -> withImportance(c, ASKED_TO_REMEMBER_IMPORTANCE))
              .orElse(candidate(MemoryKind.FACT, body, body, name, message, ASKED_TO_REMEMBER_IMPORTANCE,
                  Optional.empty())));
    }
    m = CORRECTION.matcher(sentence);
    boolean wrong = WRONG.matcher(sentence).find();
    if (m.matches() || wrong) {
      String rest = m.matches() ? m.group(1) : sentence;
      Optional<Candidate> corrected = rest.isBlank() ? Optional.empty() : classify(rest, name, message, true);
      if (corrected.isPresent()) {
        return corrected.map(c -> withImportance(c, Math.min(1, c.importance() + CORRECTION_BONUS)));
      }
      if (wrong) {
        return Optional.of(feedback(sentence, name, message, " said: "));
      }
    }
    if (FEEDBACK.matcher(sentence).find()) {
      return Optional.of(feedback(sentence, name, message, " asked: "));
    }
    return classify(sentence, name, message, false);
  }

  /** @param correcting true when the sentence corrects what was said before ("Actually, ...") */
  private Optional<Candidate> classify(String sentence, String name, Episode message,
      boolean correcting) {
    Optional<Statements.Statement> statement = Statements.of(sentence);
    if (statement.isEmpty()) {
      return Optional.empty();
    }
    String core = statement.get().core();
    String text = statement.get().text();
    for (SlotRule rule : SLOTS) {
      Matcher m = rule.pattern().matcher(core);
      if (m.find()) {
        String key = rule.slot().equals("favorite") ? "favorite " + norm(m.group(1)) : rule.slot();
        String value = value(m.group(m.groupCount()));
        Optional<Slot> slot = Optional.of(new Slot(norm(name), key, value));
        return Optional.of(candidate(rule.kind(), text, sentence, name, message, rule.importance(), slot));
      }
    }
    Matcher m = PREFERENCE.matcher(core);
    if (m.find()) {
      boolean liking = m.group(1) != null; // else "I'm a fan of", "I'm into" (groups 3, 4)
      String verb = liking ? m.group(1) : m.group(3);
      String polarity = NEGATIVE.matcher(verb.toLowerCase(Locale.ROOT)).matches() ? "-" : "+";
      Optional<Slot> slot = Optional.of(
          new Slot(norm(name), "likes " + value(liking ? m.group(2) : m.group(4)), polarity));
      return Optional.of(
          candidate(MemoryKind.PREFERENCE, text, sentence, name, message, LIKING_IMPORTANCE, slot));
    }
    Optional<Slot> slot = Slots.of(core, name, correcting || CHANGE_OF_PLAN.matcher(sentence).find());
    Optional<Instant> when = dates.resolve(sentence, message.eventTime());
    if (PLAN.matcher(core).find() || PAST.matcher(core).find() || when.isPresent()) {
      return Optional.of(candidate(
          MemoryKind.EVENT, text, sentence, name, message, EVENT_IMPORTANCE, slot));
    }
    double importance = IDENTITY.matcher(core).find() ? IDENTITY_IMPORTANCE : STATEMENT_IMPORTANCE;
    return Optional.of(candidate(MemoryKind.FACT, text, sentence, name, message, importance, slot));
  }

  private Candidate candidate(MemoryKind kind, String said, String sentence, String name,
      Episode message, double importance, Optional<Slot> slot) {
    // "last month" in a memory would read wrong a year later: the text says the month; the
    // message it came from (its provenance) keeps the words as said.
    String text = times.resolve(ThirdPerson.rewrite(said, name), message.eventTime());
    if (text.length() > MAX_TEXT) {
      text = text.substring(0, MAX_TEXT).strip() + "...";
    }
    Instant when = dates.resolve(sentence, message.eventTime()).orElse(message.eventTime());
    return new Candidate(kind, text, importance, when, message.eventTime(), List.of(message.id()), slot);
  }

  private Candidate feedback(String sentence, String name, Episode message, String verb) {
    String text = name + verb + sentence;
    if (text.length() > MAX_TEXT) {
      text = text.substring(0, MAX_TEXT).strip() + "...";
    }
    return new Candidate(MemoryKind.FEEDBACK, text, FEEDBACK_IMPORTANCE, message.eventTime(),
        message.eventTime(), List.of(message.id()), Optional.empty());
  }

  private static Candidate withImportance(Candidate c, double importance) {
    return new Candidate(c.kind(), c.text(), importance, c.eventTime(), c.saidAt(), c.provenance(), c.slot());
  }

  private static String displayName(String speaker) {
    return speaker.equalsIgnoreCase("user") ? "The user" : speaker;
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").replaceAll("\\s+", " ").strip();
  }

  /** The content words of a slot value: "Berlin last month" and "berlin" are the same place. */
  private static String value(String s) {
    String v = " " + norm(s) + " ";
    v = TIME_WORDS.matcher(v).replaceAll(" ");
    v = STOP_WORDS.matcher(v).replaceAll(" ");
    return firstWords(v.replaceAll("\\s+", " ").strip(), VALUE_WORDS);
  }

  private static String firstWords(String s, int n) {
    String[] words = s.split(" ");
    return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
  }

  private static Pattern ci(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  private record SlotRule(MemoryKind kind, double importance, String slot, Pattern pattern) {}
}
