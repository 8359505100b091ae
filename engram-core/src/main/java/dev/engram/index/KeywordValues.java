package dev.engram.index;

import java.util.List;

/**
 * An optional capability of a {@link Collection}: the distinct values of a keyword field, read
 * from the index's terms rather than its records (the server's per-tenant gauges list the
 * tenants that hold data this way). A value may outlive the last record holding it until the
 * backend purges deleted records, so callers count before they report.
 */
@FunctionalInterface
public interface KeywordValues {
  /** The values of keyword field {@code field} in the collection, in ascending order, at most {@code limit}. */
  List<String> values(String field, int limit);
}
