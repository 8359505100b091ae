package dev.engram.memory.model;

import dev.engram.common.Checks;

/**
 * The attribute a statement sets, to spot contradictions: two live memories whose slots share
 * subject and attribute ({@link #key()}) but not value contradict each other, and the later one
 * supersedes the earlier ("caroline", "residence", "paris" against "berlin"). A slot is stored as
 * one keyword, {@code subject|attribute=value} ({@link #encoded()}, {@link #parse}), the format
 * memories have always been stored with.
 *
 * @param subject whom it is about, as the extractor normalised the speaker's name ("caroline");
 *     empty when that name holds no letter or digit
 * @param attribute what it sets ("residence", "favorite color", "likes hiking")
 * @param value what it is set to ("paris"; "+" or "-" for a liking); empty when the statement
 *     named it only with words the extractor drops ("the", "now")
 */
public record Slot(String subject, String attribute, String value) {
  private static final char AFTER_SUBJECT = '|';
  private static final char AFTER_ATTRIBUTE = '=';

  public Slot {
    noSeparator(Checks.notNull(subject, "subject"), "subject");
    noSeparator(Checks.notBlank(attribute, "attribute"), "attribute");
    Checks.notNull(value, "value");
  }

  /** The slot stored as {@code encoded}: {@code subject|attribute=value}. */
  public static Slot parse(String encoded) {
    Checks.notNull(encoded, "encoded");
    int bar = encoded.indexOf(AFTER_SUBJECT);
    int eq = bar < 0 ? -1 : encoded.indexOf(AFTER_ATTRIBUTE, bar + 1);
    if (eq < 0) {
      throw new IllegalArgumentException(
          "a slot reads subject|attribute=value, got: '" + encoded + "'");
    }
    return new Slot(encoded.substring(0, bar), encoded.substring(bar + 1, eq),
        encoded.substring(eq + 1));
  }

  /** The keyword it is stored as: {@code subject|attribute=value}. */
  public String encoded() {
    return key() + AFTER_ATTRIBUTE + value;
  }

  /** Subject and attribute, {@code caroline|residence}: what two contradicting slots share. */
  public String key() {
    return subject + AFTER_SUBJECT + attribute;
  }

  private static void noSeparator(String part, String name) {
    if (part.indexOf(AFTER_SUBJECT) >= 0 || part.indexOf(AFTER_ATTRIBUTE) >= 0) {
      throw new IllegalArgumentException(
          name + " must not contain '" + AFTER_SUBJECT + "' or '" + AFTER_ATTRIBUTE + "', got: '"
              + part + "'");
    }
  }
}
