package dev.engram.index;

import dev.engram.common.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A conjunction of exact keyword matches, any-of keyword matches, absent fields, absent-or-equal
 * keyword matches and long ranges. Every clause must hold for a record to match. {@link #all()}
 * matches everything.
 *
 * @param terms keyword field must have this value
 * @param ranges long field must lie in the closed range
 * @param missingOrTerms keyword field must be absent or have this value
 * @param anyOf keyword field must have one of these values
 * @param missing keyword field must be absent (an agent's own memories have no user)
 */
public record Filter(List<Term> terms, List<Range> ranges, List<Term> missingOrTerms,
    List<AnyOf> anyOf, List<String> missing) {

  public Filter {
    terms = List.copyOf(terms);
    ranges = List.copyOf(ranges);
    missingOrTerms = List.copyOf(missingOrTerms);
    anyOf = List.copyOf(anyOf);
    missing = List.copyOf(missing);
    missing.forEach(f -> Checks.notBlank(f, "missing field"));
  }

  /** A keyword field equal to one of several values. */
  public record AnyOf(String field, List<String> values) {
    public AnyOf {
      Checks.notBlank(field, "field");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("anyOf needs at least one value for field " + field);
      }
    }
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
    return new Filter(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public static Filter eq(String field, String value) {
    return all().and(field, value);
  }

  /** This filter plus {@code field == value}. */
  public Filter and(String field, String value) {
    List<Term> more = new ArrayList<>(terms);
    more.add(new Term(field, value));
    return new Filter(more, ranges, missingOrTerms, anyOf, missing);
  }

  /** This filter plus {@code min <= field <= max}. */
  public Filter andRange(String field, long min, long max) {
    List<Range> more = new ArrayList<>(ranges);
    more.add(new Range(field, min, max));
    return new Filter(terms, more, missingOrTerms, anyOf, missing);
  }

  /** This filter plus {@code field is absent or field == value}. */
  public Filter andMissingOr(String field, String value) {
    List<Term> more = new ArrayList<>(missingOrTerms);
    more.add(new Term(field, value));
    return new Filter(terms, ranges, more, anyOf, missing);
  }

  /** This filter plus {@code field is one of values}; a single value is a plain term. */
  public Filter andAnyOf(String field, List<String> values) {
    if (values.size() == 1) {
      return and(field, values.getFirst());
    }
    List<AnyOf> more = new ArrayList<>(anyOf);
    more.add(new AnyOf(field, values));
    return new Filter(terms, ranges, missingOrTerms, more, missing);
  }

  /** This filter plus {@code field is absent}. */
  public Filter andMissing(String field) {
    List<String> more = new ArrayList<>(missing);
    more.add(Checks.notBlank(field, "field"));
    return new Filter(terms, ranges, missingOrTerms, anyOf, more);
  }

  /** Both filters' clauses. */
  public Filter and(Filter other) {
    return new Filter(concat(terms, other.terms), concat(ranges, other.ranges),
        concat(missingOrTerms, other.missingOrTerms), concat(anyOf, other.anyOf),
        concat(missing, other.missing));
  }

  /** Whether {@code record} satisfies every clause (the reference semantics backends implement). */
  public boolean matches(IndexRecord record) {
    for (Term t : terms) {
      if (!record.keywordValues(t.field()).contains(t.value())) {
        return false;
      }
    }
    for (Range r : ranges) {
      Long v = record.longs().get(r.field());
      if (v == null || v < r.min() || v > r.max()) {
        return false;
      }
    }
    for (Term t : missingOrTerms) {
      List<String> values = record.keywordValues(t.field());
      if (!values.isEmpty() && !values.contains(t.value())) {
        return false;
      }
    }
    for (AnyOf a : anyOf) {
      if (record.keywordValues(a.field()).stream().noneMatch(a.values()::contains)) {
        return false;
      }
    }
    for (String field : missing) {
      if (!record.keywordValues(field).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  public boolean isAll() {
    return terms.isEmpty() && ranges.isEmpty() && missingOrTerms.isEmpty() && anyOf.isEmpty()
        && missing.isEmpty();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
