package dev.engram.memory.extract;

import dev.engram.memory.model.Slot;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A correction that names only the new value ("Actually, it's 121.", "No, I meant Thursday."):
 * it sets the slot of the speaker's last statement that had one, in the same remember call, so
 * the consolidator supersedes that statement. Its text is the corrected statement, the old value
 * replaced by the new one where it was said literally.
 */
final class Corrections {
  private static final Pattern VALUE_ONLY = Pattern.compile(
      "^(?:(?:oh|oops|actually|no|nope|sorry|correction|wait|my bad|i mean|i meant|typo)\\b[,:!. ]*\\s*)+"
          + "(?:it's|it is|it was|that's|that is|they're|they are|he's|she's|he is|she is"
          + "|not [^,]+, )?\\s*(?:actually |now )?(?:on |at |in |called |named )?([^,;!?]{1,60}?)"
          + "(?:,? not [^,;!?]+)?(?: actually| now| instead)?[.!]*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FIRST_PERSON = Pattern.compile(
      "(?<![\\w'])(?:i|i'm|i've|i'd|i'll|me|my|we|we're|our)(?![\\w'])", Pattern.CASE_INSENSITIVE);
  /** A correction matters as much as the named slot rules (0.7 to 0.8); chosen by hand. */
  private static final double CORRECTION_IMPORTANCE = 0.8;

  private Corrections() {}

  /** The corrected statement, when {@code clause} corrects only the value of {@code last}. */
  static Optional<Candidate> of(String clause, Candidate last, dev.engram.memory.model.Episode message) {
    if (last == null || last.slot().isEmpty()) {
      return Optional.empty();
    }
    Matcher m = VALUE_ONLY.matcher(clause.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String said = m.group(1).strip();
    String value = Slots.norm(said);
    Slot old = last.slot().get();
    if (value.isEmpty() || value.equals(old.value()) || FIRST_PERSON.matcher(said).find()
        || Statements.empty(said)) {
      return Optional.empty();
    }
    String text = last.text();
    Matcher literal = Pattern.compile("(?i)\\b" + Pattern.quote(old.value()) + "\\b").matcher(text);
    text = !old.value().isBlank() && literal.find()
        ? literal.replaceFirst(Matcher.quoteReplacement(said))
        : text.replaceAll("[.!]+$", "") + " (corrected: " + said + ").";
    return Optional.of(new Candidate(last.kind(), text, CORRECTION_IMPORTANCE, message.eventTime(),
        message.eventTime(), List.of(message.id()),
        Optional.of(new Slot(old.subject(), old.attribute(), value.toLowerCase(Locale.ROOT)))));
  }
}
