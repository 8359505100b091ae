package dev.engram.index;

import dev.engram.common.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A conjunction of exact keyword matches, absent-or-equal keyword matches and long ranges. Every
 * clause must hold for a record to match. {@link #all()} matches everything.
 *
 * @param terms keyword field must have this value
 * @param ranges long field must lie in the closed range
 * @param missingOrTerms keyword field must be absent or have this value (for optional scope
 *     parts such as an agent id)
 */
public record Filter(List<Term> terms, List<Range> ranges, List<Term> missingOrTerms) {

  public Filter {
    terms = List.copyOf(terms);
    ranges = List.copyOf(ranges);
    missingOrTerms = List.copyOf(missingOrTerms);
  }

  /** A keyword field equal to a value. */
  public record Term(String field, String value) {
    public Term {
      Checks.notBlank(field, "field");
      Checks.notNull(value, "value");
    }
  }

  /** A long field within [min, max], both inclusive. */
  public record Range(String field, long min, long max) {
    public Range {
      Checks.notBlank(field, "field");
    }
  }

  public static Filter all() {
    return new Filter(List.of(), List.of(), List.of());
  }

  public static Filter eq(String field, String value) {
    return all().and(field, value);
  }

  /** This filter plus {@code field == value}. */
  public Filter and(String field, String value) {
    List<Term> more = new ArrayList<>(terms);
    more.add(new Term(field, value));
    return new Filter(more, ranges, missingOrTerms);
  }

  /** This filter plus {@code min <= field <= max}. */
  public Filter andRange(String field, long min, long max) {
    List<Range> more = new ArrayList<>(ranges);
    more.add(new Range(field, min, max));
    return new Filter(terms, more, missingOrTerms);
  }

  /** This filter plus {@code field is absent or field == value}. */
  public Filter andMissingOr(String field, String value) {
    List<Term> more = new ArrayList<>(missingOrTerms);
    more.add(new Term(field, value));
    return new Filter(terms, ranges, more);
  }

  public boolean isAll() {
    return terms.isEmpty() && ranges.isEmpty() && missingOrTerms.isEmpty();
  }
}
