package dev.engram.memory;

import dev.engram.memory.extract.Clauses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Takes a forgotten memory out of a message: the clauses (a sentence, or the part of a compound
 * sentence with its own subject) that say what the memory says. Words are content words (no
 * pronouns, articles, auxiliaries, nor the speakers' names); a word matches another that it
 * begins ("live" and "lives"). In a message the memory came from, a clause says it when it holds
 * {@value #SAYS} of the memory's words, the best clause goes even below that, and the whole
 * message when no clause shares a word (what was said cannot be told apart). In any other message
 * (a restatement, an answer that repeated it) the clause and the memory must share {@value #SAYS}
 * of their words together (Jaccard), so that "my sister lives in Paris too" is not "Ann lives in
 * Paris", nor "my locker number is 8842" the forgotten "8841".
 */
final class Redaction {
  /**
   * Share of a memory's content words a clause must hold to say it. Not measured; chosen by
   * hand: a restatement keeps the words that carry the fact, and one shared word of three ("I
   * love my sister") is not the fact.
   */
  static final double SAYS = 0.6;
  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  /** Words that carry no fact: pronouns, articles, auxiliaries, and "remember". */
  private static final Set<String> STOP = Set.of(("i me my mine we our us you your he him his she"
      + " her they them their it its the a an is am are was were be been being to of in on at and"
      + " or but for with that this as by from so do does did have has had just now also really"
      + " very please remember s m ll ve d t not").split(" "));

  private final List<Set<String>> phrases;
  private final Set<String> names;

  /**
   * @param phrases what the forgotten memory said (its text, earlier versions, restatements)
   * @param names the speakers' names, which the memory's third person adds ("Maya's ...")
   */
  Redaction(List<String> phrases, Set<String> names) {
    this.names = new HashSet<>();
    names.forEach(n -> this.names.addAll(words(n)));
    this.phrases = new ArrayList<>();
    for (String p : phrases) {
      Set<String> w = content(p);
      if (!w.isEmpty()) {
        this.phrases.add(w);
      }
    }
  }

  /**
   * {@code text} without the clauses that say the memory; empty when nothing with a content word
   * is left. {@code source}: the memory came from this message, so something goes.
   */
  Optional<String> apply(String text, boolean source) {
    List<String> kept = new ArrayList<>();
    if (!split(text, source, kept, new ArrayList<>())) {
      return Optional.empty();
    }
    String rest = String.join(" ", kept).strip();
    return content(rest).isEmpty() ? Optional.empty() : Optional.of(rest);
  }

  /**
   * The clauses of {@code text}, a message the memory came from, that say it: the words it was
   * said in, which the memory's text may put otherwise (a resolved time, "in August 2025" for
   * "last month"). None when no clause shares a word with it: the whole message would then match
   * any short message like it ("Yes!").
   */
  List<String> saying(String text) {
    List<String> gone = new ArrayList<>();
    return split(text, true, new ArrayList<>(), gone) ? gone : List.of();
  }

  /**
   * Sorts the clauses of {@code text} into those {@code kept} and those that say the memory
   * ({@code gone}); false when a source message shares no word with it, so all of it goes.
   */
  private boolean split(String text, boolean source, List<String> kept, List<String> gone) {
    List<String> clauses = new ArrayList<>();
    for (String sentence : SENTENCE.split(text.strip())) {
      clauses.addAll(Clauses.firstPerson(sentence.strip()));
    }
    double[] says = new double[clauses.size()];
    int best = -1;
    for (int i = 0; i < clauses.size(); i++) {
      says[i] = says(clauses.get(i), source);
      if (best < 0 || says[i] > says[best]) {
        best = i;
      }
    }
    if (source && (best < 0 || says[best] == 0)) {
      return false;
    }
    for (int i = 0; i < clauses.size(); i++) {
      boolean goes = says[i] >= SAYS || (source && i == best);
      (goes ? gone : kept).add(clauses.get(i));
    }
    return true;
  }

  /**
   * True when a clause of {@code text} says the memory. Not "when {@link #apply} gives other
   * text": it re-joins the clauses it keeps ("I live in Paris and I love hiking." becomes two
   * sentences), so a message that says nothing of the memory would be rewritten all the same.
   */
  boolean touches(String text, boolean source) {
    List<String> gone = new ArrayList<>();
    return !split(text, source, new ArrayList<>(), gone) || !gone.isEmpty();
  }

  /**
   * How much {@code clause} says a phrase, at best: the share of the phrase's words it holds in a
   * source message, else the Jaccard share of the words of both.
   */
  private double says(String clause, boolean source) {
    Set<String> have = content(clause);
    double best = 0;
    for (Set<String> phrase : phrases) {
      int held = 0;
      for (String w : phrase) {
        if (have.stream().anyMatch(h -> same(h, w))) {
          held++;
        }
      }
      double share = source ? held / (double) phrase.size()
          : held / (double) (phrase.size() + have.size() - held);
      best = Math.max(best, share);
    }
    return best;
  }

  private static boolean same(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    String shorter = a.length() < b.length() ? a : b;
    String longer = shorter == a ? b : a;
    return shorter.length() >= 4 && longer.startsWith(shorter);
  }

  private Set<String> content(String text) {
    Set<String> out = new HashSet<>();
    for (String w : words(text)) {
      if (!STOP.contains(w) && !names.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
